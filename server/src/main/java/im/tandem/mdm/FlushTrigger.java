package im.tandem.mdm;

/** Why a quiet-mode buffer was flushed (SPEC section 3, triggers a to e, and leaving quiet mode); the metric's {@code trigger} tag. */
public enum FlushTrigger {
    /** a. an iq arrived for the session. */
    IQ("iq"),
    /** b. an instant message arrived while the user has no active client elsewhere. */
    MESSAGE("message"),
    /** c. the session's own limit (stanzas or bytes) was reached. */
    SESSION_LIMIT("session_limit"),
    /** d. the node-wide limit was reached: the oldest buffers go first. */
    GLOBAL_LIMIT("global_limit"),
    /** e. a stanza waited the maximum hold time. */
    HOLD_TIME("hold_time"),
    /** The client sent {@code <active/>}, resumed its stream (XEP-0198), or MDM was switched off at a router restart. */
    ACTIVE("active"),
    /** The session ended: held messages went to the user's other sessions or offline storage. */
    CLOSED("closed");

    private final String tag;

    FlushTrigger(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
