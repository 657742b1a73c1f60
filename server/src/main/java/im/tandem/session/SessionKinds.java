package im.tandem.session;

/**
 * Marks that tell the kinds of registered sessions apart (SPEC section 4). A phantom session
 * is registered like a client session (it still receives stanzas) but is not counted as one.
 */
public final class SessionKinds {

    /** Present on a session while it is a phantom: push-enabled, connection dropped, waiting for a resumption. */
    public static final SessionKey<Boolean> PHANTOM = SessionKey.of("kind.phantom", Boolean.class);

    private SessionKinds() {
    }

    public static boolean isPhantom(ClientSession session) {
        return session.get(PHANTOM) != null;
    }
}
