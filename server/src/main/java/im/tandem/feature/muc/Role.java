package im.tandem.feature.muc;

import java.util.Locale;

/** An occupant's role while in a room (XEP-0045 section 5.1). */
public enum Role {
    MODERATOR(3), PARTICIPANT(2), VISITOR(1), NONE(0);

    private final int rank;

    Role(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** May send messages to all occupants. */
    public boolean hasVoice() {
        return rank >= PARTICIPANT.rank;
    }

    public String xml() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code value}, or null. */
    public static Role parse(String value) {
        if (value == null) {
            return null;
        }
        for (Role r : values()) {
            if (r.xml().equals(value)) {
                return r;
            }
        }
        return null;
    }
}
