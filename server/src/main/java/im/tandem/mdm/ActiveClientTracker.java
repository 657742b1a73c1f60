package im.tandem.mdm;

import im.tandem.routing.PresenceListener;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.xml.Element;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The active client of each user (SPEC section 3): of the user's available sessions not in
 * quiet mode, the one that most recently sent available presence or an instant message, if
 * that was within the active window. A session going quiet hands the role to the next most
 * recent one still within the window: the user may well be at that device.
 */
@Component
public class ActiveClientTracker implements PresenceListener {

    private final SessionRegistry sessions;
    private final Clock clock;
    private final MdmProperties properties;

    public ActiveClientTracker(SessionRegistry sessions, Clock clock, MdmProperties properties) {
        this.sessions = sessions;
        this.clock = clock;
        this.properties = properties;
    }

    /** The session did something that makes it its user's active client. */
    public void touched(ClientSession session) {
        MdmSessionState.of(session).lastActive = clock.instant();
    }

    @Override
    public void presenceChanged(ClientSession session, Element availablePresence) {
        touched(session);
    }

    /** The user's active client, or null when none is. */
    public ClientSession active(Jid user) {
        Instant cutoff = clock.instant().minus(properties.activeWindow());
        ClientSession best = null;
        Instant bestAt = null;
        for (ClientSession s : sessions.sessionsOf(user)) {
            MdmSessionState state = MdmSessionState.peek(s);
            if (state == null || state.quiet != null || !s.isAvailable() || !s.isOpen()) {
                continue;
            }
            Instant at = state.lastActive;
            if (at != null && at.isAfter(cutoff) && (bestAt == null || at.isAfter(bestAt))) {
                best = s;
                bestAt = at;
            }
        }
        return best;
    }

    /** The user's active client if it is not {@code except}; null when there is none or it is {@code except}. */
    public ClientSession activeOtherThan(Jid user, ClientSession except) {
        ClientSession active = active(user);
        return active == except ? null : active;
    }
}
