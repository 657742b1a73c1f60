package im.tandem.feature.mam;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Message archive, {@code tandem.mam.*}.
 *
 * @param enabled               archive and offer XEP-0313 at all
 * @param defaultPageSize       results per page when a query names no RSM {@code max}
 * @param maxPageSize           most results per page, whatever a query asks
 * @param retention             how long messages are kept; zero keeps them forever
 * @param purgeInterval         how often expired messages are deleted
 * @param maxMessagesPerArchive most messages one archive keeps (the oldest go at the purge); zero: no limit
 * @param maxPrefJids           most JIDs in a user's always and never lists together
 * @param defaultMode           archiving default of a user who set no preferences: always, never or roster
 * @param writeTimeout          how long delivery waits for an archive write before it goes on without it
 */
@ConfigurationProperties("tandem.mam")
public record MamProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("50") int defaultPageSize,
        @DefaultValue("100") int maxPageSize,
        @DefaultValue("365d") Duration retention,
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue("100000") int maxMessagesPerArchive,
        @DefaultValue("200") int maxPrefJids,
        @DefaultValue("always") String defaultMode,
        @DefaultValue("5s") Duration writeTimeout) {
}
