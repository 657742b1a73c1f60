package im.tandem.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class TlsConfigurationTest {

    @TempDir
    Path dataDir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TlsProperties.class)
    static class Properties {
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Properties.class, TlsConfiguration.class)
                .withPropertyValues("tandem.data-dir=" + dataDir, "tandem.domain=example.org");
    }

    @Test
    void defaultsGenerateCertificateInDataDirAndEnableTls13And12() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            TlsProperties properties = context.getBean(TlsProperties.class);
            assertThat(properties.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
            assertThat(properties.allowPlaintextAuth()).isFalse();
            assertThat(properties.certificate()).isNull();
            assertThat(DomainNames.names(context.getBean(ServerCertificate.class).leaf(), "example.org")).isTrue();
            assertThat(context.getBean(ServerTls.class).protocols()).containsExactly("TLSv1.3", "TLSv1.2");
            assertThat(dataDir.resolve("tls/server.crt")).exists();
        });
    }

    @Test
    void propertiesBindFromKebabCaseKeys() {
        runner().withPropertyValues("tandem.tls.allow-plaintext-auth=true", "tandem.tls.protocols=TLSv1.2")
                .run(context -> {
                    assertThat(context.getBean(TlsProperties.class).allowPlaintextAuth()).isTrue();
                    assertThat(context.getBean(ServerTls.class).protocols()).containsExactly("TLSv1.2");
                });
    }

    @Test
    void insecureProtocolStopsStartupWithClearMessage() {
        runner().withPropertyValues("tandem.tls.protocols=TLSv1.3,TLSv1.1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(TlsConfigurationException.class)
                    .hasMessageContaining("'TLSv1.1', which is not allowed");
        });
    }
}
