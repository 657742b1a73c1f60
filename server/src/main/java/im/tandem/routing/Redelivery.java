package im.tandem.routing;

import im.tandem.mdm.CarbonCopies;
import im.tandem.mdm.CarbonCopies.Direction;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Delay;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What happens to a stanza that a session ended without getting: held in its quiet-mode
 * buffer, or written but never acknowledged under stream management (XEP-0198 section 4 asks
 * to treat those like stanzas for an unavailable resource). A message nobody else of the user
 * has goes to the user's other available sessions, or else to offline storage, stamped with when
 * the server received it; an iq request gets an error back to its sender; presence is stale by
 * now and dropped; so is a {@code <sent/>} copy (the user's own words, already on the sending
 * device).
 */
@Component
public class Redelivery {

    private static final Logger log = LoggerFactory.getLogger(Redelivery.class);

    private final SessionRegistry sessions;
    private final OfflineStorage offline;
    private final String domain;

    public Redelivery(SessionRegistry sessions, OfflineStorage offline, @Value("${tandem.domain:localhost}") String domain) {
        this.sessions = sessions;
        this.offline = offline;
        this.domain = domain;
    }

    /**
     * @param ended      the session that did not get the stanza (already out of the registry)
     * @param copies     the user's other sessions that got the same message in the same delivery:
     *                   if one of them is still open, the user has it and nothing is done
     * @param receivedAt when the server received the stanza, for the delay stamp
     */
    public Mono<Void> redeliver(ClientSession ended, Element stanza, Instant receivedAt, List<ClientSession> copies) {
        return switch (stanza.name()) {
            case "message" -> message(ended, stanza, receivedAt, copies);
            case "iq" -> {
                bounceRequest(stanza);
                yield Mono.empty();
            }
            default -> Mono.empty();
        };
    }

    private Mono<Void> message(ClientSession ended, Element stanza, Instant receivedAt, List<ClientSession> copies) {
        if (stanza.child("sent", CarbonCopies.NAMESPACE) != null || "error".equals(stanza.attribute("type"))) {
            return Mono.empty();
        }
        for (ClientSession other : copies) {
            if (other.isOpen()) {
                return Mono.empty();
            }
        }
        Element received = CarbonCopies.unwrap(stanza, Direction.RECEIVED);
        Element message = received != null ? received : stanza;
        List<ClientSession> others = new ArrayList<>();
        for (ClientSession s : sessions.sessionsOf(ended.bareJid())) {
            if (s != ended && s.isOpen() && s.isAvailable() && s.priority() >= 0) {
                others.add(s);
            }
        }
        if (others.isEmpty()) {
            // a new login with the same resource replaced the session: the message was for that device
            sessions.session(ended.jid()).filter(s -> s != ended && s.isOpen()).ifPresent(others::add);
        }
        Element stamped = Delay.stamped(message, domain, receivedAt);
        if (!others.isEmpty()) {
            for (ClientSession s : others) {
                List<ClientSession> rest = new ArrayList<>(others);
                rest.remove(s);
                s.send(stamped, rest);
            }
            return Mono.empty();
        }
        return offline.store(Stanza.of(stamped))
                .doOnNext(result -> {
                    if (result == OfflineStorage.Result.QUOTA_EXCEEDED) {
                        log.warn("offline storage of {} is full: a message {} never got is lost", ended.bareJid(), ended);
                    }
                })
                .then();
    }

    /** RFC 6120 8.3.1: the requester learns the recipient is gone instead of waiting for its timeout. */
    private void bounceRequest(Element iq) {
        String type = iq.attribute("type");
        if (!"get".equals(type) && !"set".equals(type)) {
            return;
        }
        Jid requester = Jid.tryParse(iq.attribute("from")).orElse(null);
        if (requester == null || !requester.isFull()) {
            // the server's own requests (pings) have nobody waiting on a session
            return;
        }
        Element error = Stanza.of(iq).errorReply(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE));
        sessions.session(requester).ifPresent(s -> s.send(error));
    }
}
