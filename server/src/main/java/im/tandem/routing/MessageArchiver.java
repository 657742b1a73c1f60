package im.tandem.routing;

import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * Archives one-to-one messages as they pass the router, once per message and user (never per
 * device, carbon or resend), and may rewrite what the user's devices get: the message archive
 * (XEP-0313) adds the XEP-0359 {@code <stanza-id/>} of the archive entry. {@link MessageDelivery}
 * waits for both calls before anything is written to a device, so a message a device has seen
 * is in the archive. Neither call may fail: an archive that cannot write lets the message pass.
 */
public interface MessageArchiver {

    /**
     * {@code sender} sent {@code message} (from and to set) to someone else: archive it as
     * outgoing in the sender's archive. Returns the message the sender's other sessions and taps get.
     */
    Mono<Stanza> sent(Stanza message, ClientSession sender);

    /**
     * {@code message} (from and to set) is being delivered to a local user: archive it as incoming
     * in that user's archive. Returns the message the user's sessions, taps and offline storage get.
     */
    Mono<Stanza> received(Stanza message);
}
