package im.tandem.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The configured initial settings: the SPEC defaults, and a bad value stops the start naming its key. */
class AlertPropertiesTest {

    static AlertProperties properties(int threshold, Duration sustain, Duration frequency, URI webhook) {
        return new AlertProperties(true, threshold, sustain, frequency, webhook, Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    @Test
    void theInitialSettingsAreTheConfiguredOnesAlwaysOnSchedule() {
        assertThat(properties(80, Duration.ofMinutes(10), Duration.ofMinutes(10), null).initialSettings())
                .isEqualTo(new AlertSettings(true, 80, Duration.ofMinutes(10), Duration.ofMinutes(10), null));
    }

    @Test
    void badValuesNameTheirConfigurationKey() {
        assertThatThrownBy(() -> properties(0, Duration.ofMinutes(10), Duration.ofMinutes(10), null))
                .hasMessageStartingWith("tandem.capacity.alert.threshold-percent");
        assertThatThrownBy(() -> properties(80, Duration.ofMinutes(-1), Duration.ofMinutes(10), null))
                .hasMessageStartingWith("tandem.capacity.alert.sustain");
        assertThatThrownBy(() -> properties(80, Duration.ofMinutes(1), Duration.ZERO, null))
                .hasMessageStartingWith("tandem.capacity.alert.frequency");
        assertThatThrownBy(() -> properties(80, Duration.ofMinutes(1), Duration.ofMinutes(1), URI.create("ftp://x/")))
                .hasMessageStartingWith("tandem.capacity.alert.webhook-url");
    }

    @Test
    void anEmptyWebhookUrlIsNone() {
        assertThat(properties(80, Duration.ofMinutes(1), Duration.ofMinutes(1), URI.create("")).webhookUrl()).isNull();
    }
}
