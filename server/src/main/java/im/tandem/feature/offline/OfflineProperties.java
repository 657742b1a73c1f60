package im.tandem.feature.offline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Offline storage quota per user, {@code tandem.offline.*}.
 *
 * @param maxMessages most messages stored for one user
 * @param maxBytes    most bytes (serialized stanzas) stored for one user
 */
@ConfigurationProperties("tandem.offline")
public record OfflineProperties(
        @DefaultValue("1000") int maxMessages,
        @DefaultValue("10MB") DataSize maxBytes) {
}
