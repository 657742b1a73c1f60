package im.tandem.mdm;

import im.tandem.session.ClientSession;
import im.tandem.session.SessionKey;
import java.time.Instant;

/** What MDM keeps on one session: carbons on or off, when it was last active, its quiet-mode buffer. */
final class MdmSessionState {

    static final SessionKey<MdmSessionState> KEY = SessionKey.of("mdm", MdmSessionState.class);

    volatile boolean carbons;
    volatile Instant lastActive;
    /** The buffer while the session is in quiet mode, else null. */
    volatile QuietModeBuffer quiet;

    static MdmSessionState of(ClientSession session) {
        return session.computeIfAbsent(KEY, k -> new MdmSessionState());
    }

    /** The state if the session has any, without creating it. */
    static MdmSessionState peek(ClientSession session) {
        return session.get(KEY);
    }

    static boolean carbonsEnabled(ClientSession session) {
        MdmSessionState state = session.get(KEY);
        return state != null && state.carbons;
    }

    static boolean isQuiet(ClientSession session) {
        MdmSessionState state = session.get(KEY);
        return state != null && state.quiet != null;
    }
}
