package im.tandem.feature.muc;

import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.stanza.StanzaError.Condition;
import im.tandem.xml.Element;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * IQ requests between occupants (XEP-0045 section 7.5 and the vCard/version/ping queries clients
 * send to {@code room/nick}): the request goes to the addressee's first joined session from the
 * requester's room JID, under an id of the room's own, and the answer comes back the same way,
 * so neither side learns the other's real JID. A ping to one's own nick is the XEP-0410 self-ping,
 * answered by the service (a session that is not joined gets {@code not-acceptable}). One per room;
 * callers hold the room's lock.
 */
final class OccupantIqRelay {

    private static final int MAX_PENDING = 256;
    private static final AtomicLong IDS = new AtomicLong();

    /** A relayed request: who asked, under which id, and which session must answer. */
    private record Pending(Jid requester, String id, Jid answerer) {
    }

    private final Map<String, Pending> pending = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
            return size() > MAX_PENDING; // an answer that never came is forgotten, not kept forever
        }
    };

    /** A request from {@code sender} to the occupant {@code nick}; an error, or null when relayed. */
    StanzaError request(Room room, Occupant sender, Stanza iq, String nick) {
        if (sender == null) {
            return StanzaError.of(Condition.NOT_ACCEPTABLE, "only occupants may query occupants");
        }
        Occupant target = room.occupants.get(nick);
        if (target == null) {
            return StanzaError.of(Condition.ITEM_NOT_FOUND, "no such occupant");
        }
        if (target == sender && iq.payload() != null && iq.payload().is("ping", "urn:xmpp:ping")) {
            // XEP-0410 self-ping: the service answers itself that the session is still joined
            room.send(iq.resultReply(null));
            return null;
        }
        String id = "muc-" + IDS.incrementAndGet();
        Jid answerer = target.primarySession();
        pending.put(id, new Pending(iq.from(), iq.id(), answerer));
        room.send(iq.element().withAttribute("from", room.occupantJid(sender.nick).toString())
                .withAttribute("to", answerer.toString()).withAttribute("id", id));
        return null;
    }

    /** An answer (result or error) from an occupant session; relayed to whoever asked, if it was asked. */
    void answer(Room room, Occupant answerer, Stanza iq) {
        Pending p = pending.get(iq.id());
        if (p == null || answerer == null || !p.answerer().equals(iq.from())) {
            return;
        }
        pending.remove(iq.id());
        Element back = iq.element().withAttribute("from", room.occupantJid(answerer.nick).toString())
                .withAttribute("to", p.requester().toString()).withAttribute("id", p.id());
        room.send(back);
    }
}
