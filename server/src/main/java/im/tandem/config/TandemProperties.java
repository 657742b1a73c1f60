package im.tandem.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server-wide settings, {@code tandem.*}.
 *
 * @param domain the XMPP domain served
 * @param dataDir where the embedded database, the generated certificate and uploads live
 */
@ConfigurationProperties("tandem")
public record TandemProperties(@DefaultValue("localhost") String domain, @DefaultValue("./data") Path dataDir) {
}
