package im.tandem.tls;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring wiring of TLS: the {@link ServerCertificate} from {@code tandem.tls.*},
 * {@code tandem.domain} and {@code tandem.data-dir}, and the {@link ServerTls} built on it.
 * Both are made once at start-up, so a bad certificate stops the server with a clear message.
 */
@Configuration(proxyBeanMethods = false)
public class TlsConfiguration {

    @Bean
    ServerCertificate serverCertificate(TlsProperties tls,
            @Value("${tandem.domain:localhost}") String domain,
            @Value("${tandem.data-dir:./data}") Path dataDir) {
        return ServerCertificate.load(tls, dataDir, domain);
    }

    @Bean
    ServerTls serverTls(TlsProperties tls, ServerCertificate certificate) {
        return new ServerTls(tls, certificate);
    }
}
