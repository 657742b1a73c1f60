package im.tandem.feature.pubsub;

import java.util.Locale;

/** Who may subscribe to a node and retrieve its items (XEP-0060 section 4.5). */
public enum AccessModel {
    /** Anyone. */
    OPEN,
    /** Entities subscribed to the owner's presence ({@code from} or {@code both}); PEP's default. */
    PRESENCE,
    /** Entities in the owner's roster, in one of the allowed groups. */
    ROSTER,
    /** Only the owner and entities the owner affiliated as members (or publishers). */
    WHITELIST;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The model named by a form value, or null when unknown (authorize is not offered). */
    public static AccessModel ofCode(String code) {
        for (AccessModel model : values()) {
            if (model.code().equals(code)) {
                return model;
            }
        }
        return null;
    }
}
