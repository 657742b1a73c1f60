package im.tandem.c2s.sm;

import im.tandem.session.ClientSession;
import im.tandem.xml.Element;
import java.time.Duration;

/**
 * Told what happens to sessions whose connection dropped while they wait for a stream
 * resumption (XEP-0198), and may keep some of them longer: push notifications (XEP-0357) keep
 * a push-enabled session as a phantom for the phantom lifetime and wake its device when a
 * message is queued for it.
 *
 * <p>{@link #lifetime}, {@link #hibernated} and {@link #queued} may be called while the managed
 * stream's monitor is held (so that no stanza slips between dropping and being marked): they
 * must be quick, must not block, and must not call back into the session.
 */
public interface HibernationObserver {

    /** How long {@code session} may wait for a resumption, or null for the stream's own window. */
    default Duration lifetime(ClientSession session) {
        return null;
    }

    /** The session's connection dropped; it waits for a resumption now. */
    default void hibernated(ClientSession session) {
    }

    /** A stanza was queued for the hibernating session, to be written when it resumes. */
    default void queued(ClientSession session, Element stanza) {
    }

    /** The session is no longer hibernating: resumed on a new connection, or ended. */
    default void awake(ClientSession session) {
    }
}
