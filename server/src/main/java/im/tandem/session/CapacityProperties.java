package im.tandem.session;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Device capacity of a node, {@code tandem.capacity.*} (SPEC section 4).
 *
 * @param profile        {@code 5K}, {@code 15K} or {@code 25K}: the node holds 1.5 times that many sessions
 * @param maxSessions    an explicit session limit instead of the profile's (0: use the profile)
 * @param haActiveActive whether the node is half of an active-active pair, which halves the limit
 */
@ConfigurationProperties("tandem.capacity")
public record CapacityProperties(
        @DefaultValue("15K") String profile,
        @DefaultValue("0") int maxSessions,
        @DefaultValue("false") boolean haActiveActive) {

    public CapacityProperties {
        if (maxSessions < 0) {
            throw new IllegalArgumentException("tandem.capacity.max-sessions must not be negative");
        }
        profileUsers(profile);
    }

    /** The session limit this configuration gives. */
    public int sessionLimit() {
        int limit = maxSessions > 0 ? maxSessions : profileUsers(profile) * 3 / 2;
        return haActiveActive ? Math.max(1, limit / 2) : limit;
    }

    private static int profileUsers(String profile) {
        return switch (profile.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "5K" -> 5_000;
            case "15K" -> 15_000;
            case "25K" -> 25_000;
            default -> throw new IllegalArgumentException(
                    "tandem.capacity.profile must be 5K, 15K or 25K, not " + profile);
        };
    }
}
