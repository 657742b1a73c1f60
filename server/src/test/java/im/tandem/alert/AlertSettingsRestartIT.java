package im.tandem.alert;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.TandemApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Settings changed over REST survive a restart and win over the configuration (SPEC section
 * 2a): the whole application starts on a fresh data directory (H2 file database), takes its
 * initial settings from {@code tandem.capacity.alert.*}, is changed over HTTP and stopped; a
 * second start on the same directory and configuration serves the changed settings.
 */
class AlertSettingsRestartIT {

    static final String PATH = "/api/v1/alerts/jsm-sessions-exceeds-threshold";
    static final String ADMIN_PASSWORD = "restart-admin-secret";

    final Path dataDir = Path.of("target", "it-data", "alert-restart-" + UUID.randomUUID()).toAbsolutePath();

    /**
     * Leaves the test sources' {@code @TestConfiguration} classes (such as other tests' clocks)
     * out of the component scan, as {@code @SpringBootTest} does.
     */
    static final class WithoutTestConfigurations extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof WithoutTestConfigurations;
        }

        @Override
        public int hashCode() {
            return WithoutTestConfigurations.class.hashCode();
        }
    }

    ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TandemApplication.class)
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("withoutTestConfigurations", new WithoutTestConfigurations()))
                .properties(
                        "server.port=0",
                        "tandem.c2s.port=0",
                        "tandem.c2s.direct-tls-port=0",
                        "tandem.data-dir=" + dataDir,
                        "tandem.admin-password=" + ADMIN_PASSWORD,
                        "tandem.capacity.alert.enabled=true",
                        "tandem.capacity.alert.threshold-percent=70",
                        "tandem.capacity.alert.sustain=2m",
                        "tandem.capacity.alert.frequency=15m")
                .run();
    }

    static WebTestClient admin(ConfigurableApplicationContext context) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + context.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(h -> h.setBasicAuth("admin", ADMIN_PASSWORD)).build();
    }

    @Test
    void settingsChangedOverRestWinOverTheConfigurationAfterARestart() {
        try (ConfigurableApplicationContext first = start()) {
            WebTestClient admin = admin(first);
            admin.get().uri(PATH).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.enabled").isEqualTo(true)
                    .jsonPath("$.thresholdPercent").isEqualTo(70)
                    .jsonPath("$.sustain").isEqualTo("PT2M")
                    .jsonPath("$.frequency").isEqualTo("PT15M")
                    .jsonPath("$.schedule").isEmpty();
            admin.put().uri(PATH).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"enabled\": false, \"thresholdPercent\": 65, \"sustain\": \"PT5M\", "
                            + "\"schedule\": {\"days\": [\"SATURDAY\"], \"start\": \"20:00\", \"end\": \"04:00\", "
                            + "\"zone\": \"Asia/Shanghai\"}}")
                    .exchange().expectStatus().isOk();
            // a refused change afterwards is not what gets stored
            admin.put().uri(PATH).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"thresholdPercent\": 0}").exchange().expectStatus().isBadRequest();
        }
        try (ConfigurableApplicationContext second = start()) {
            admin(second).get().uri(PATH).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.enabled").isEqualTo(false)
                    .jsonPath("$.thresholdPercent").isEqualTo(65)
                    .jsonPath("$.sustain").isEqualTo("PT5M")
                    .jsonPath("$.frequency").isEqualTo("PT15M")
                    .jsonPath("$.schedule.days[0]").isEqualTo("SATURDAY")
                    .jsonPath("$.schedule.start").isEqualTo("20:00")
                    .jsonPath("$.schedule.end").isEqualTo("04:00")
                    .jsonPath("$.schedule.zone").isEqualTo("Asia/Shanghai");
            assertThat(second.getBean(CapacityAlert.class).settings().thresholdPercent()).isEqualTo(65);
            assertThat(second.getBean(CapacityAlert.class).settings().enabled()).isFalse();
        }
    }
}
