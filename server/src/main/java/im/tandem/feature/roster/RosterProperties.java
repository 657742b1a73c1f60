package im.tandem.feature.roster;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Roster limits, {@code tandem.roster.*}.
 *
 * @param maxItems most items one user's roster may hold (RFC 6121 2.3.3: beyond it, {@code not-allowed})
 * @param maxNameLength longest item name or group name, in characters ({@code not-acceptable} beyond it)
 */
@ConfigurationProperties("tandem.roster")
public record RosterProperties(
        @DefaultValue("1000") int maxItems,
        @DefaultValue("1023") int maxNameLength) {
}
