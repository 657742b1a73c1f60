package im.tandem.store;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One roster item as stored (RFC 6121 section 2.1, with the subscription states of 3.1).
 *
 * @param contactJid       bare JID of the contact
 * @param name             handle the user gave the contact, or {@code null}
 * @param subscription     the subscription state
 * @param askOut           an outbound subscription request is pending ("ask=subscribe")
 * @param pendingIn        an inbound subscription request awaits the user's answer
 * @param pendingInStanza  that inbound subscribe presence, serialized, or {@code null}
 * @param approved         the user pre-approved the contact's subscription (RFC 6121 3.4)
 * @param groups           the roster groups; names must be non-empty and contain no line feed
 */
public record RosterItemRow(String contactJid, String name, Subscription subscription,
                            boolean askOut, boolean pendingIn, String pendingInStanza,
                            boolean approved, List<String> groups) {

    /** Subscription state between the user and the contact. */
    public enum Subscription {
        NONE, TO, FROM, BOTH;

        /** The value used in XML and in the database: {@code none}, {@code to}, ... */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Subscription ofCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    public RosterItemRow {
        Objects.requireNonNull(contactJid, "contactJid");
        Objects.requireNonNull(subscription, "subscription");
        groups = groups == null ? List.of() : List.copyOf(groups);
        for (String group : groups) {
            // Groups are stored joined by line feeds.
            if (group.isEmpty() || group.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("roster group names must be non-empty and single-line");
            }
        }
    }
}
