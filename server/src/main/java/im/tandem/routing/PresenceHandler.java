package im.tandem.routing;

import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * Processes every presence stanza a client sends (RFC 6121 sections 3 and 4): broadcast,
 * directed presence, probes and the subscription state machine.
 */
public interface PresenceHandler {

    /** {@code presence} carries the sender's full JID in {@code from}. */
    Mono<Void> handle(Stanza presence, ClientSession sender);
}
