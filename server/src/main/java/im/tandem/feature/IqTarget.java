package im.tandem.feature;

/** Whom an iq request is addressed to, for choosing handlers. */
public enum IqTarget {
    /** The server's own domain. */
    SERVER,
    /** The requester's own account: no {@code to}, or its own bare JID. */
    OWN_ACCOUNT,
    /** Another user's bare JID, answered by the server on that user's behalf. */
    OTHER_ACCOUNT
}
