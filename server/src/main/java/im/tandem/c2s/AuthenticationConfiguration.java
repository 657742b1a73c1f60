package im.tandem.c2s;

import im.tandem.account.AccountProperties;
import im.tandem.sasl.LoginThrottle;
import im.tandem.sasl.LoginThrottleSettings;
import im.tandem.sasl.SaslMechanisms;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** SASL mechanisms and the failed-login throttle shared by all client streams. */
@Configuration(proxyBeanMethods = false)
public class AuthenticationConfiguration {

    @Bean
    SaslMechanisms saslMechanisms(AccountProperties accounts) {
        // unknown users get decoy credentials with the same iteration count as real ones
        return new SaslMechanisms(accounts.scramIterations());
    }

    @Bean
    LoginThrottle loginThrottle(
            @Value("${tandem.auth.throttle.max-failures-per-account:5}") int perAccount,
            @Value("${tandem.auth.throttle.max-failures-per-address:20}") int perAddress,
            @Value("${tandem.auth.throttle.window:5m}") Duration window,
            @Value("${tandem.auth.throttle.lockout:1m}") Duration lockout) {
        return new LoginThrottle(new LoginThrottleSettings(perAccount, perAddress, window, lockout));
    }
}
