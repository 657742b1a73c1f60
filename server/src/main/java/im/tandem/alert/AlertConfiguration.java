package im.tandem.alert;

import im.tandem.session.NodeCapacity;
import im.tandem.store.ServiceParameterStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the capacity alert: the engine on the node's {@link NodeCapacity} and the server
 * {@link Clock}, its settings (stored, else configured), the watch that evaluates it, and the
 * webhook when {@code tandem.capacity.alert.webhook-url} is set.
 *
 * <p>The node's name in events is {@code tandem.node-name} when set, else the host name. (No
 * other part of the server names its node yet; when one does, this should read the same key.)
 */
@Configuration(proxyBeanMethods = false)
public class AlertConfiguration {

    @Bean
    CapacityAlert capacityAlert(NodeCapacity capacity, ServiceParameterStore store, JsonMapper json,
                                AlertProperties properties, Clock clock, MeterRegistry meters, Environment env,
                                ObjectProvider<AlertmanagerWebhook> webhook) {
        AlertSettings initial = AlertSettingsService.initial(store, json, properties.initialSettings());
        CapacityAlert alert = new CapacityAlert(capacity::counts, ResourceUsage::current, nodeName(env), initial,
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

    static String nodeName(Environment env) {
        String configured = env.getProperty("tandem.node-name");
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
