package im.tandem.sasl;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the {@link LoginThrottle}.
 *
 * @param maxFailuresPerAccount failed logins to one account within {@code window} that lock it
 * @param maxFailuresPerAddress failed logins from one source address within {@code window}
 *     that lock it; higher than per account because many users may share an address (NAT)
 * @param window how long a failure counts
 * @param lockout how long the first lock lasts; each further lock of the same key while its
 *     history is remembered doubles it
 * @param maxLockout ceiling of the doubled lockout
 * @param maxTrackedKeys how many accounts, and separately how many addresses, are tracked at
 *     most; beyond that the least recently failed are forgotten
 */
public record LoginThrottleSettings(int maxFailuresPerAccount, int maxFailuresPerAddress,
        Duration window, Duration lockout, Duration maxLockout, int maxTrackedKeys) {

    /** 5 per account and 20 per address in 5 minutes; locks from 1 minute up to 1 hour. */
    public static final LoginThrottleSettings DEFAULTS = new LoginThrottleSettings(5, 20,
            Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(1), 100_000);

    public LoginThrottleSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(lockout, "lockout");
        Objects.requireNonNull(maxLockout, "maxLockout");
        if (maxFailuresPerAccount < 1 || maxFailuresPerAddress < 1 || maxTrackedKeys < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (window.isNegative() || window.isZero() || lockout.isNegative() || maxLockout.compareTo(lockout) < 0) {
            throw new IllegalArgumentException("window must be positive and maxLockout at least lockout");
        }
    }

    /** Settings with the default ceiling of one hour and 100,000 tracked keys. */
    public LoginThrottleSettings(int maxFailuresPerAccount, int maxFailuresPerAddress, Duration window,
            Duration lockout) {
        this(maxFailuresPerAccount, maxFailuresPerAddress, window, lockout,
                lockout.compareTo(Duration.ofHours(1)) > 0 ? lockout : Duration.ofHours(1), 100_000);
    }
}
