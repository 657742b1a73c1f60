package im.tandem.routing;

import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * Decides whether a stanza between two users may pass (blocking, XEP-0191). A refused
 * stanza is answered by the filter itself, as the XEP it implements says.
 */
public interface StanzaFilter {

    /** Verdict on a stanza sent by a local session. */
    enum Verdict { PASS, REFUSED }

    /**
     * Checks a stanza {@code sender} sends to {@code recipient} (a local user's address).
     * On REFUSED the filter has already sent any error reply.
     */
    Mono<Verdict> check(Stanza stanza, ClientSession sender, Jid recipient);

    /**
     * Whether a stanza from {@code from} may reach {@code to} at all, without answering
     * anyone: for presence broadcasts, where a refusal must stay silent.
     */
    default Mono<Boolean> allowsSilently(Jid from, Jid to) {
        return Mono.just(true);
    }
}
