package im.tandem.c2s.sm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Stream management settings, {@code tandem.sm.*}.
 *
 * @param enabled       whether the {@code <sm/>} stream feature is offered
 * @param resumeTimeout how long a session whose connection dropped waits to be resumed
 *                      (also the most a client may ask for with {@code max})
 * @param maxUnacked    stanzas sent and not yet acknowledged that a session waiting for resumption may
 *                      hold, and a connected one whose client leaves an acknowledgement request
 *                      unanswered for {@code ackTimeout} (four times as many in any case); beyond it
 *                      the session ends and its stanzas are redelivered
 * @param ackTimeout    how long a client may leave an acknowledgement request unanswered while it
 *                      holds more than {@code maxUnacked}
 */
@ConfigurationProperties("tandem.sm")
public record StreamManagementProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5m") Duration resumeTimeout,
        @DefaultValue("500") int maxUnacked,
        @DefaultValue("60s") Duration ackTimeout) {
}
