package im.tandem.account;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin account on first start: with {@code TANDEM_ADMIN_PASSWORD} when
 * set, otherwise with a random password printed once in the log. An existing account is
 * never touched, so a restart neither resets nor prints the password again.
 */
@Component
public class AdminBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountService accounts;
    private final AccountProperties properties;
    private final String configuredPassword;

    public AdminBootstrap(AccountService accounts, AccountProperties properties,
                          @Value("${tandem.admin-password:}") String configuredPassword) {
        this.accounts = accounts;
        this.properties = properties;
        this.configuredPassword = configuredPassword;
    }

    /**
     * Runs once every bean exists and before any listener starts: a client that connects the
     * moment the port opens must not fail against an admin account that is not there yet (each
     * such failure would count toward the account's lockout).
     */
    @Override
    public void afterSingletonsInstantiated() {
        String username = properties.adminUsername();
        if (Boolean.TRUE.equals(accounts.exists(AccountService.normalizeUsername(username)).block())) {
            return;
        }
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? randomPassword() : configuredPassword;
        accounts.create(username, password, true).block();
        if (generated) {
            log.warn("Created admin account '{}' with generated password: {}  (shown only this once; "
                    + "set TANDEM_ADMIN_PASSWORD to choose it)", username, password);
        } else {
            log.info("Created admin account '{}' with the password from TANDEM_ADMIN_PASSWORD", username);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
