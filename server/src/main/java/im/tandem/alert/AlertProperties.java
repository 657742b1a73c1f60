package im.tandem.alert;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The capacity alert's configuration, {@code tandem.capacity.alert.*} (SPEC section 2a). The
 * first four are initial settings only: once an operator changes the settings over REST, the
 * stored settings win, across restarts too.
 *
 * @param enabled            whether the alert is raised at all
 * @param thresholdPercent   the load, in percent of the node's session limit, to stay above (1 to 100)
 * @param sustain            how long the load must stay above the threshold before the alert is raised
 * @param frequency          how often the alert is raised again while the load stays above
 * @param webhookUrl         where to POST each raise and clear in Alertmanager's webhook format (none when unset)
 * @param webhookTimeout     how long one webhook delivery may take
 * @param evaluationInterval how often the load is checked
 */
@ConfigurationProperties("tandem.capacity.alert")
public record AlertProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("80") int thresholdPercent,
        @DefaultValue("10m") Duration sustain,
        @DefaultValue("10m") Duration frequency,
        URI webhookUrl,
        @DefaultValue("5s") Duration webhookTimeout,
        @DefaultValue("1s") Duration evaluationInterval) {

    public AlertProperties {
        if (webhookUrl != null && webhookUrl.toString().isBlank()) {
            webhookUrl = null;
        }
        if (webhookUrl != null && !("http".equalsIgnoreCase(webhookUrl.getScheme())
                || "https".equalsIgnoreCase(webhookUrl.getScheme()))) {
            throw new IllegalArgumentException("tandem.capacity.alert.webhook-url must be an http or https URL");
        }
        if (webhookTimeout.isNegative() || webhookTimeout.isZero()) {
            throw new IllegalArgumentException("tandem.capacity.alert.webhook-timeout must be positive");
        }
        if (evaluationInterval.isNegative() || evaluationInterval.isZero()) {
            throw new IllegalArgumentException("tandem.capacity.alert.evaluation-interval must be positive");
        }
        // the initial settings are validated like REST input, with the configuration key in the message
        try {
            new AlertSettings(enabled, thresholdPercent, sustain, frequency, null);
        } catch (InvalidAlertSettings e) {
            throw new IllegalArgumentException("tandem.capacity.alert." + kebab(e.field()) + ": " + e.getMessage(), e);
        }
    }

    /** The initial settings this configuration gives: always on schedule. */
    public AlertSettings initialSettings() {
        return new AlertSettings(enabled, thresholdPercent, sustain, frequency, null);
    }

    private static String kebab(String field) {
        return field.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }
}
