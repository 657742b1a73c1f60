package im.tandem.feature.muc;

import java.util.Locale;

/** A user's long-lived standing in a room (XEP-0045 section 5.2), highest first by {@link #rank()}. */
public enum Affiliation {
    OWNER(4), ADMIN(3), MEMBER(2), NONE(1), OUTCAST(0);

    private final int rank;

    Affiliation(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** At least admin. */
    public boolean isAdmin() {
        return rank >= ADMIN.rank;
    }

    public String xml() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The affiliation named {@code value}, or null. */
    public static Affiliation parse(String value) {
        if (value == null) {
            return null;
        }
        for (Affiliation a : values()) {
            if (a.xml().equals(value)) {
                return a;
            }
        }
        return null;
    }
}
