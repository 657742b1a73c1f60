package im.tandem.alert;

import im.tandem.session.NodeCapacity;
import im.tandem.store.ServiceParameterStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import im.tandem.config.NodeProperties;
import org.springframework.core.type.AnnotatedTypeMetadata;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the capacity alert: the engine on the node's {@link NodeCapacity} and the server
 * {@link Clock}, its settings (stored, else configured), the watch that evaluates it, and the
 * webhook when {@code tandem.capacity.alert.webhook-url} is set.
 *
 * <p>The node's name in events is the one the reports use ({@code tandem.node.name}, see
 * {@link NodeProperties}).
 */
@Configuration(proxyBeanMethods = false)
public class AlertConfiguration {

    @Bean
    CapacityAlert capacityAlert(NodeCapacity capacity, ServiceParameterStore store, JsonMapper json,
                                AlertProperties properties, Clock clock, MeterRegistry meters, NodeProperties node,
                                ObjectProvider<AlertmanagerWebhook> webhook) {
        AlertSettings initial = AlertSettingsService.initial(store, json, properties.initialSettings());
        CapacityAlert alert = new CapacityAlert(capacity::counts, ResourceUsage::current, node.name(), initial,
                clock, meters);
        webhook.ifAvailable(alert::addListener);
        return alert;
    }

    @Bean
    AlertSettingsService alertSettingsService(ServiceParameterStore store, JsonMapper json, CapacityAlert alert) {
        return new AlertSettingsService(store, json, alert);
    }

    @Bean
    CapacityWatch capacityWatch(CapacityAlert alert, AlertProperties properties) {
        return new CapacityWatch(alert, properties.evaluationInterval());
    }

    @Bean
    @Conditional(WebhookConfigured.class)
    AlertmanagerWebhook alertmanagerWebhook(AlertProperties properties, JsonMapper json, MeterRegistry meters) {
        return new AlertmanagerWebhook(properties.webhookUrl(), properties.webhookTimeout(), json, meters);
    }

    /** Whether a webhook URL is configured (an empty value, as from an unset environment variable, is none). */
    static final class WebhookConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("tandem.capacity.alert.webhook-url");
            return url != null && !url.isBlank();
        }
    }
}
