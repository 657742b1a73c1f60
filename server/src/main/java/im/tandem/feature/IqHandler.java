package im.tandem.feature;

import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Serves iq get/set requests whose payload is one qualified element, for example
 * {@code query} in {@code jabber:iq:roster}.
 */
public interface IqHandler {

    String element();

    String namespace();

    /** The addressees this handler answers for; the server's domain unless overridden. */
    default Set<IqTarget> targets() {
        return Set.of(IqTarget.SERVER);
    }

    /**
     * Handles a request whose {@code from} is the requesting session's full JID. Returns the
     * reply (a result or an error built with {@link Stanza#errorReply}); every request must
     * get exactly one reply.
     */
    Mono<Element> handle(Stanza iq, ClientSession session);
}
