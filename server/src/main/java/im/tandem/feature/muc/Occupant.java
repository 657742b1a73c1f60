package im.tandem.feature.muc;

import im.tandem.stanza.Jid;
import im.tandem.xml.Element;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One occupant of a room: a nickname held by one user, with each of the user's sessions that
 * joined under it (XEP-0045 multi-session nicks) and the presence each of them last sent.
 * Guarded by its room's lock.
 */
final class Occupant {

    final Jid user;
    String nick;
    Role role;
    /** The joined sessions (full JIDs) and the presence each sent, without its MUC child. */
    final Map<Jid, Element> sessions = new LinkedHashMap<>();
    /** Token bucket of the flood limit: stanzas left and when it was last refilled. */
    double tokens = -1;
    long refilledAt;

    Occupant(Jid user, String nick, Role role) {
        this.user = user;
        this.nick = nick;
        this.role = role;
    }

    /** The session whose presence others see (the first that joined). */
    Jid primarySession() {
        return sessions.keySet().iterator().next();
    }

    Element presence() {
        return sessions.values().iterator().next();
    }

    /** Takes one token of {@code perSecond} (bursts of twice that); false when the occupant is flooding. */
    boolean allowStanza(int perSecond, long nowNanos) {
        double burst = perSecond * 2.0;
        if (tokens < 0) {
            tokens = burst;
            refilledAt = nowNanos;
        }
        tokens = Math.min(burst, tokens + (nowNanos - refilledAt) / 1e9 * perSecond);
        refilledAt = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
