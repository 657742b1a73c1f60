package im.tandem.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account settings, {@code tandem.accounts.*}.
 *
 * @param scramIterations PBKDF2 iterations for newly stored credentials (RFC 7677 asks for at least 4096)
 * @param minPasswordLength shortest password accepted for new or changed passwords
 * @param adminUsername name of the first admin account, created on first start
 */
@ConfigurationProperties("tandem.accounts")
public record AccountProperties(@DefaultValue("4096") int scramIterations,
                                @DefaultValue("8") int minPasswordLength,
                                @DefaultValue("admin") String adminUsername) {
}
