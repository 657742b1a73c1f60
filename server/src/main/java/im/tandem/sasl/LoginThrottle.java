package im.tandem.sasl;

import java.time.InstantSource;
import java.util.Locale;
import java.util.Objects;

/**
 * Slows down password guessing: after too many failed logins within a window, an account, or a
 * source address, is locked for a while, and each repeated lock lasts twice as long (up to a
 * ceiling). Callers ask {@link #isBlocked} before authenticating and report the outcome.
 *
 * <p>Memory is bounded: at most {@link LoginThrottleSettings#maxTrackedKeys()} accounts and as
 * many addresses are tracked, quiet ones expire, and beyond the cap the least recently failed
 * are forgotten. That cap means a flood from many addresses can push older entries out; the
 * per-address limit is what catches such a flood from few addresses.
 *
 * <p>Thread-safe.
 */
public final class LoginThrottle {

    private final InstantSource clock;
    private final FailureCounters accounts;
    private final FailureCounters addresses;

    public LoginThrottle(LoginThrottleSettings settings) {
        this(settings, InstantSource.system());
    }

    /** @param clock the time source; tests pass one they can advance */
    public LoginThrottle(LoginThrottleSettings settings, InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        long window = settings.window().toMillis();
        long lockout = settings.lockout().toMillis();
        long maxLockout = settings.maxLockout().toMillis();
        this.accounts = new FailureCounters(settings.maxFailuresPerAccount(), window, lockout, maxLockout,
                settings.maxTrackedKeys());
        this.addresses = new FailureCounters(settings.maxFailuresPerAddress(), window, lockout, maxLockout,
                settings.maxTrackedKeys());
    }

    /**
     * Whether a login attempt must be refused now because the account or the address is locked.
     *
     * @param username the account, or null if not known yet
     * @param address the client's IP address as text, or null if unknown
     */
    public boolean isBlocked(String username, String address) {
        long now = clock.millis();
        return (username != null && accounts.isLocked(accountKey(username), now))
                || (address != null && addresses.isLocked(address, now));
    }

    /** Counts a failed login against both the account and the address. */
    public void recordFailure(String username, String address) {
        long now = clock.millis();
        if (username != null) {
            accounts.recordFailure(accountKey(username), now);
        }
        if (address != null) {
            addresses.recordFailure(address, now);
        }
    }

    /**
     * Clears the account's failures after a successful login. The address keeps its count: one
     * account an attacker controls must not reset the guessing budget of its address.
     */
    public void recordSuccess(String username, String address) {
        if (username != null) {
            accounts.forget(accountKey(username));
        }
    }

    /** Number of accounts and addresses currently tracked, for tests and metrics. */
    public int trackedKeys() {
        return accounts.size() + addresses.size();
    }

    /** Usernames differing only in case are one account (RFC 7622 UsernameCaseMapped). */
    private static String accountKey(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
