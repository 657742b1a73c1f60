package im.tandem.mdm;

import im.tandem.mdm.CarbonCopies.Direction;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The MDM delivery rules of SPEC section 3 for a user's sessions: the notifying copy to the
 * active client, silent carbon copies to the other MDM-enabled sessions, {@code <sent/>}
 * copies of what a session sends. Sessions that never enabled carbons are left to plain
 * RFC 6121 delivery: they still receive what is addressed to them, never a copy.
 */
@Component
public class MdmDelivery {

    private final MdmSwitch mdm;
    private final SessionRegistry sessions;
    private final ActiveClientTracker activeClients;
    private final MdmMetrics metrics;

    public MdmDelivery(MdmSwitch mdm, SessionRegistry sessions, ActiveClientTracker activeClients, MdmMetrics metrics) {
        this.mdm = mdm;
        this.sessions = sessions;
        this.activeClients = activeClients;
        this.metrics = metrics;
    }

    /** A one-to-one message in the sense of SPEC section 3: type chat, or normal with a body. */
    static boolean isOneToOne(Stanza message) {
        String type = message.type();
        return "chat".equals(type)
                || ("normal".equals(type) && message.element().child("body", Stanza.CLIENT_NAMESPACE) != null);
    }

    /**
     * Delivers a message addressed to the bare JID of a user with the available, non-negative
     * {@code recipients} (RFC 6121 8.5.2.1). With MDM in force, a one-to-one message goes
     * directly to the active client and to the sessions that never enabled carbons, and as a
     * silent copy to the other MDM-enabled sessions (none for a message not eligible for
     * carbons, such as a private one). Without an active client every recipient gets it
     * directly, so every device notifies, and copies go only to MDM sessions left out (negative
     * priority).
     */
    public void toBareJid(Stanza message, List<ClientSession> recipients) {
        if (!mdm.enabled()) {
            for (ClientSession s : recipients) {
                s.send(message.element());
            }
            return;
        }
        ClientSession active = isOneToOne(message) ? activeClients.active(message.to()) : null;
        List<ClientSession> direct = new ArrayList<>(recipients.size());
        if (active != null && recipients.contains(active)) {
            direct.add(active);
            for (ClientSession s : recipients) {
                if (s != active && !MdmSessionState.carbonsEnabled(s)) {
                    direct.add(s);
                }
            }
        } else {
            direct.addAll(recipients);
        }
        fanOut(message, direct);
    }

    /**
     * SPEC section 3, file transfer: the one session of {@code user} that gets a peer-to-peer
     * transfer offer sent to the bare JID. The active client if there is one among the
     * {@code available} sessions, else the one with the highest priority (the newest among
     * equals); null if there is none. Offers are iq stanzas: never held in quiet mode, never copied.
     */
    public ClientSession fileTransferTarget(Jid user, List<ClientSession> available) {
        ClientSession active = mdm.enabled() ? activeClients.active(user) : null;
        if (active != null && available.contains(active)) {
            return active;
        }
        ClientSession best = null;
        for (ClientSession s : available) {
            if (best == null || s.priority() >= best.priority()) {
                best = s;
            }
        }
        return best;
    }

    /** Delivers a message addressed to the full JID of {@code target}, copying it to the user's other MDM sessions. */
    public void toFullJid(Stanza message, ClientSession target) {
        if (!mdm.enabled()) {
            target.send(message.element());
            return;
        }
        fanOut(message, List.of(target));
    }

    /**
     * A session of the user sent {@code message} (its {@code from} is that session): every other
     * MDM-enabled session of the user gets a {@code <sent/>} copy, and an instant message makes
     * the sender the active client. Messages to the user's own bare JID are not copied: every
     * session of the user receives those anyway.
     */
    public void sent(Stanza message, ClientSession sender) {
        if (message.element().child("body", Stanza.CLIENT_NAMESPACE) != null) {
            activeClients.touched(sender);
        }
        if (!mdm.enabled() || (message.to() != null && message.to().bare().equals(sender.bareJid()))
                || !CarbonCopies.eligible(message.element(), Direction.SENT)) {
            return;
        }
        List<ClientSession> copies = new ArrayList<>();
        for (ClientSession s : sessions.sessionsOf(sender.bareJid())) {
            if (s != sender && MdmSessionState.carbonsEnabled(s)) {
                copies.add(s);
            }
        }
        List<ClientSession> holders = withSender(copies, sender);
        for (ClientSession s : copies) {
            s.send(CarbonCopies.wrap(message.element(), Direction.SENT, s.jid()), others(holders, s));
            metrics.carbon(Direction.SENT);
        }
    }

    /**
     * Writes the message to {@code direct} and, if it is eligible for carbons, a received copy to
     * every other MDM session of the user.
     */
    private void fanOut(Stanza message, List<ClientSession> direct) {
        List<ClientSession> copies = new ArrayList<>();
        if (CarbonCopies.eligible(message.element(), Direction.RECEIVED)) {
            for (ClientSession s : sessions.sessionsOf(message.to())) {
                if (!direct.contains(s) && MdmSessionState.carbonsEnabled(s) && s.isOpen()) {
                    copies.add(s);
                }
            }
        }
        List<ClientSession> holders = new ArrayList<>(direct.size() + copies.size());
        holders.addAll(direct);
        holders.addAll(copies);
        for (ClientSession s : direct) {
            s.send(message.element(), others(holders, s));
        }
        for (ClientSession s : copies) {
            s.send(CarbonCopies.wrap(message.element(), Direction.RECEIVED, s.jid()), others(holders, s));
            metrics.carbon(Direction.RECEIVED);
        }
    }

    private static List<ClientSession> withSender(List<ClientSession> copies, ClientSession sender) {
        List<ClientSession> all = new ArrayList<>(copies.size() + 1);
        all.add(sender);
        all.addAll(copies);
        return all;
    }

    private static List<ClientSession> others(List<ClientSession> holders, ClientSession self) {
        if (holders.size() == 1) {
            return List.of();
        }
        List<ClientSession> others = new ArrayList<>(holders.size() - 1);
        for (ClientSession s : holders) {
            if (s != self) {
                others.add(s);
            }
        }
        return others;
    }
}
