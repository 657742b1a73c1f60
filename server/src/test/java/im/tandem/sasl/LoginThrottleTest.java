package im.tandem.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock implements InstantSource {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LoginThrottleSettings settings = new LoginThrottleSettings(3, 5, Duration.ofMinutes(5),
            Duration.ofMinutes(1), Duration.ofMinutes(8), 1000);
    private final LoginThrottle throttle = new LoginThrottle(settings, clock);

    @Test
    void accountIsBlockedAfterTooManyFailuresFromAnyAddress() {
        throttle.recordFailure("juliet", "10.0.0.1");
        throttle.recordFailure("Juliet", "10.0.0.2");
        assertThat(throttle.isBlocked("juliet", "10.0.0.9")).isFalse();

        throttle.recordFailure("JULIET", "10.0.0.3");

        assertThat(throttle.isBlocked("juliet", "10.0.0.9")).isTrue();
        assertThat(throttle.isBlocked("romeo", "10.0.0.1")).isFalse();
    }

    @Test
    void addressIsBlockedAfterTooManyFailuresAcrossAccounts() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("user" + i, "10.0.0.1");
        }
        assertThat(throttle.isBlocked("someone", "10.0.0.1")).isTrue();
        assertThat(throttle.isBlocked(null, "10.0.0.1")).isTrue();
        assertThat(throttle.isBlocked("someone", "10.0.0.2")).isFalse();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        throttle.recordFailure("juliet", "10.0.0.1");
        throttle.recordFailure("juliet", "10.0.0.1");
        clock.advance(Duration.ofMinutes(6));
        throttle.recordFailure("juliet", "10.0.0.1");
        throttle.recordFailure("juliet", "10.0.0.1");
        assertThat(throttle.isBlocked("juliet", null)).isFalse();
    }

    @Test
    void lockLiftsAfterTheLockoutAndDoublesOnRepeat() {
        failTimes("juliet", 3);
        assertThat(throttle.isBlocked("juliet", null)).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.isBlocked("juliet", null)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.isBlocked("juliet", null)).isFalse();

        failTimes("juliet", 3);
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.isBlocked("juliet", null)).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.isBlocked("juliet", null)).isFalse();

        failTimes("juliet", 3);
        clock.advance(Duration.ofMinutes(3));
        assertThat(throttle.isBlocked("juliet", null)).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.isBlocked("juliet", null)).isFalse();
    }

    @Test
    void lockoutStopsGrowingAtTheCeiling() {
        // A window long enough that every strike is remembered: locks of 1, 2, 4, 8, 8, ... minutes.
        LoginThrottle patient = new LoginThrottle(new LoginThrottleSettings(3, 5, Duration.ofHours(1),
                Duration.ofMinutes(1), Duration.ofMinutes(8), 1000), clock);
        for (int strike = 1; strike <= 10; strike++) {
            for (int i = 0; i < 3; i++) {
                patient.recordFailure("juliet", null);
            }
            clock.advance(Duration.ofMinutes(8).minusSeconds(1));
            assertThat(patient.isBlocked("juliet", null)).as("strike %d before 8 minutes", strike).isEqualTo(strike >= 4);
            clock.advance(Duration.ofSeconds(1));
            assertThat(patient.isBlocked("juliet", null)).as("strike %d at 8 minutes", strike).isFalse();
        }
    }

    @Test
    void quietAccountIsForgivenItsPastLocks() {
        failTimes("juliet", 3);
        clock.advance(Duration.ofMinutes(1).plus(Duration.ofMinutes(5)));
        failTimes("juliet", 3);
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.isBlocked("juliet", null)).isFalse();
    }

    @Test
    void successClearsTheAccountButNotTheAddress() {
        throttle.recordFailure("juliet", "10.0.0.1");
        throttle.recordFailure("juliet", "10.0.0.1");
        throttle.recordSuccess("juliet", "10.0.0.1");
        throttle.recordFailure("juliet", "10.0.0.1");
        throttle.recordFailure("juliet", "10.0.0.1");
        assertThat(throttle.isBlocked("juliet", null)).isFalse();

        throttle.recordFailure("romeo", "10.0.0.1");
        assertThat(throttle.isBlocked(null, "10.0.0.1")).isTrue();
    }

    @Test
    void trackedKeysStayUnderTheCapAndOldestAreForgotten() {
        LoginThrottle small = new LoginThrottle(new LoginThrottleSettings(2, 2, Duration.ofMinutes(5),
                Duration.ofMinutes(1), Duration.ofMinutes(1), 3), clock);
        small.recordFailure(null, "10.0.0.0");
        for (int i = 1; i <= 100; i++) {
            small.recordFailure("user" + i, "10.0.0." + i);
            assertThat(small.trackedKeys()).isLessThanOrEqualTo(6);
        }
        small.recordFailure(null, "10.0.0.0");
        assertThat(small.isBlocked(null, "10.0.0.0")).as("first failure was evicted").isFalse();
    }

    @Test
    void quietEntriesExpire() {
        for (int i = 0; i < 50; i++) {
            throttle.recordFailure("user" + i, "10.0.0." + i);
        }
        clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 20; i++) {
            throttle.recordFailure("late" + i, "10.1.0." + i);
        }
        assertThat(throttle.trackedKeys()).isEqualTo(40);
    }

    @Test
    void defaultsFollowTheDocumentedPolicy() {
        LoginThrottleSettings defaults = LoginThrottleSettings.DEFAULTS;
        assertThat(defaults.maxFailuresPerAccount()).isEqualTo(5);
        assertThat(defaults.maxFailuresPerAddress()).isEqualTo(20);
        assertThat(defaults.window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.maxTrackedKeys()).isEqualTo(100_000);
    }

    private void failTimes(String username, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(username, null);
        }
    }
}
