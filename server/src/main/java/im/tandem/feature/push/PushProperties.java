package im.tandem.feature.push;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Push notifications, {@code tandem.push.*}.
 *
 * @param enabled                 offer XEP-0357 at all
 * @param phantomLifetime         how long a push-enabled session waits for a resumption after its connection dropped
 * @param includeSender           put {@code last-message-sender} in notifications
 * @param includeBody             put {@code last-message-body} in notifications (off: the app server sees no content)
 * @param maxFailures             consecutive failed notifications after which a registration is removed
 * @param timeout                 how long to wait for the app server's answer
 * @param maxRegistrationsPerUser push registrations one account may hold
 */
@ConfigurationProperties("tandem.push")
public record PushProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("72h") Duration phantomLifetime,
        @DefaultValue("true") boolean includeSender,
        @DefaultValue("false") boolean includeBody,
        @DefaultValue("3") int maxFailures,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("10") int maxRegistrationsPerUser) {
}
