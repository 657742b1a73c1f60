package im.tandem.feature.upload;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP File Upload, {@code tandem.upload.*}.
 *
 * @param enabled              serve the upload service at all
 * @param domain               the service's JID; empty for {@code upload.<tandem.domain>}
 * @param publicUrl            base of the PUT and GET URLs as clients reach the HTTP port (e.g.
 *                             {@code https://upload.example.com}); empty for
 *                             {@code http://<tandem.domain>:<bound HTTP port>}
 * @param maxFileSize          largest file one slot may carry
 * @param quotaPerUser         bytes one account may hold in stored files and open slots together
 * @param expireAfter          how long a stored file is kept
 * @param slotLifetime         how long a PUT URL stays valid
 * @param allowedContentTypes  media types a slot may declare ({@code image/*} matches a family);
 *                             empty allows every well-formed type
 * @param slotRequestsPerMinute slot requests one account may make per minute
 * @param sweepInterval        how often expired files and lapsed slots are removed
 * @param secret               HMAC key for PUT URLs; empty for a random key kept in the data directory
 */
@ConfigurationProperties("tandem.upload")
public record UploadProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") String domain,
        @DefaultValue("") String publicUrl,
        @DefaultValue("50MB") DataSize maxFileSize,
        @DefaultValue("100MB") DataSize quotaPerUser,
        @DefaultValue("30d") Duration expireAfter,
        @DefaultValue("5m") Duration slotLifetime,
        @DefaultValue({}) List<String> allowedContentTypes,
        @DefaultValue("30") int slotRequestsPerMinute,
        @DefaultValue("10m") Duration sweepInterval,
        @DefaultValue("") String secret) {

    /** The service's domain for server domain {@code serverDomain}. */
    public String serviceDomain(String serverDomain) {
        return domain == null || domain.isBlank() ? "upload." + serverDomain : domain.strip();
    }
}
