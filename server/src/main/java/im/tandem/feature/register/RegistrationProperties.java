package im.tandem.feature.register;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * In-band registration settings, {@code tandem.register.*}.
 *
 * @param enabled       whether clients may create and remove their own accounts
 * @param maxPerAddress accounts one source address may create within {@code window}
 * @param window        the period of {@code maxPerAddress}
 */
@ConfigurationProperties("tandem.register")
public record RegistrationProperties(@DefaultValue("false") boolean enabled,
                                     @DefaultValue("5") int maxPerAddress,
                                     @DefaultValue("1h") Duration window) {
}
