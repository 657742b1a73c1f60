package im.tandem.alert;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.admin.MeterNames;
import im.tandem.alert.AlertEvent.Status;
import im.tandem.session.SessionCounts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The alert engine on a clock the test sets: sustain, repeats at the frequency, clearing,
 * schedule windows, the enable flag and threshold changes, and what each event carries.
 */
class CapacityAlertTest {

    /** A Friday, 12:00 UTC. */
    static final Instant T0 = Instant.parse("2025-01-10T12:00:00Z");
    static final Duration SUSTAIN = Duration.ofMinutes(10);
    static final Duration FREQUENCY = Duration.ofMinutes(5);
    static final ResourceUsage RESOURCES = new ResourceUsage(300L << 20, 1024L << 20, 42.5);

    final AtomicReference<SessionCounts> counts = new AtomicReference<>(load(0));
    final MutableClock clock = new MutableClock(T0);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<AlertEvent> heard = new ArrayList<>();
    final CapacityAlert alert = newAlert(new AlertSettings(true, 80, SUSTAIN, FREQUENCY, null));

    CapacityAlert newAlert(AlertSettings settings) {
        CapacityAlert a = new CapacityAlert(counts::get, () -> RESOURCES, "node-a", settings, clock, meters);
        a.addListener(heard::add);
        return a;
    }

    /** {@code n} sessions of 100: internal 2/3, off-site the rest; n percent load. */
    static SessionCounts load(long n) {
        long offsite = n / 3;
        return new SessionCounts(n - offsite, offsite, 0, 0, 7, 100);
    }

    Optional<AlertEvent> at(Duration after) {
        clock.set(T0.plus(after));
        return alert.evaluate();
    }

    double gauge() {
        return meters.get(MeterNames.JSM_SESSIONS_EXCEEDS_THRESHOLD).gauge().value();
    }

    double raisedCount() {
        return meters.get(MeterNames.JSM_SESSIONS_EXCEEDS_THRESHOLD_RAISED).counter().count();
    }

    @Test
    void raisesOnlyOnceTheLoadHasStayedAboveTheThresholdForTheSustainTime() {
        counts.set(load(81));
        assertThat(at(Duration.ZERO)).isEmpty();
        assertThat(alert.state().aboveThresholdSince()).isEqualTo(T0);
        assertThat(at(SUSTAIN.minusSeconds(1))).isEmpty();
        assertThat(gauge()).isZero();
        AlertEvent raised = at(SUSTAIN).orElseThrow();
        assertThat(raised.status()).isEqualTo(Status.RAISED);
        assertThat(raised.since()).isEqualTo(T0.plus(SUSTAIN));
        assertThat(raised.repeat()).isZero();
        assertThat(alert.state().active()).isTrue();
        assertThat(gauge()).isEqualTo(1);
        assertThat(raisedCount()).isEqualTo(1);
        assertThat(heard).containsExactly(raised);
    }

    @Test
    void aLoadExactlyAtTheThresholdIsNotAbove() {
        counts.set(load(80));
        at(Duration.ZERO);
        assertThat(at(SUSTAIN.multipliedBy(3))).isEmpty();
        assertThat(alert.state().aboveThresholdSince()).isNull();
    }

    @Test
    void aSpikeShorterThanTheSustainTimeRaisesNothingAndTheTimeStartsAgain() {
        counts.set(load(95));
        at(Duration.ZERO);
        at(Duration.ofMinutes(9));
        counts.set(load(50));
        assertThat(at(Duration.ofMinutes(9).plusSeconds(1))).isEmpty();
        counts.set(load(95));
        at(Duration.ofMinutes(10));
        assertThat(at(Duration.ofMinutes(19))).isEmpty();
        assertThat(at(Duration.ofMinutes(20))).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(Status.RAISED));
    }

    @Test
    void repeatsAtTheFrequencyWhileTheLoadStaysAbove() {
        counts.set(load(90));
        at(Duration.ZERO);
        AlertEvent first = at(SUSTAIN).orElseThrow();
        assertThat(at(SUSTAIN.plus(FREQUENCY).minusSeconds(1))).isEmpty();
        AlertEvent second = at(SUSTAIN.plus(FREQUENCY)).orElseThrow();
        assertThat(at(SUSTAIN.plus(FREQUENCY).plusSeconds(1))).isEmpty();
        AlertEvent third = at(SUSTAIN.plus(FREQUENCY.multipliedBy(2))).orElseThrow();
        assertThat(List.of(first, second, third)).extracting(AlertEvent::status).containsOnly(Status.RAISED);
        assertThat(List.of(first, second, third)).extracting(AlertEvent::repeat).containsExactly(0, 1, 2);
        assertThat(List.of(first, second, third)).extracting(AlertEvent::since).containsOnly(first.time());
        assertThat(raisedCount()).isEqualTo(3);
        assertThat(alert.state().lastRaisedAt()).isEqualTo(third.time());
    }

    @Test
    void clearsWhenTheLoadDropsToTheThreshold() {
        counts.set(load(90));
        at(Duration.ZERO);
        AlertEvent raised = at(SUSTAIN).orElseThrow();
        counts.set(load(80));
        AlertEvent cleared = at(SUSTAIN.plusSeconds(30)).orElseThrow();
        assertThat(cleared.status()).isEqualTo(Status.CLEARED);
        assertThat(cleared.since()).isEqualTo(raised.time());
        assertThat(cleared.loadPercent()).isEqualTo(80.0);
        assertThat(cleared.reason()).contains("at or below the threshold 80%");
        assertThat(alert.state().active()).isFalse();
        assertThat(alert.state().aboveThresholdSince()).isNull();
        assertThat(gauge()).isZero();
        assertThat(at(SUSTAIN.plus(FREQUENCY.multipliedBy(4)))).isEmpty();
        assertThat(heard).extracting(AlertEvent::status).containsExactly(Status.RAISED, Status.CLEARED);
        assertThat(alert.history(10)).extracting(AlertEvent::status).containsExactly(Status.CLEARED, Status.RAISED);
    }

    @Test
    void aDisabledAlertIsNeverRaisedAndDisablingARaisedOneClearsItAtOnce() {
        alert.update(alert.settings().withEnabled(false));
        counts.set(load(100));
        at(Duration.ZERO);
        assertThat(at(SUSTAIN.multipliedBy(5))).isEmpty();
        assertThat(alert.state().aboveThresholdSince()).isNull();

        alert.update(alert.settings().withEnabled(true));
        at(SUSTAIN.multipliedBy(5).plus(SUSTAIN)).orElseThrow();
        assertThat(gauge()).isEqualTo(1);
        Optional<AlertEvent> cleared = alert.update(alert.settings().withEnabled(false));
        assertThat(cleared).hasValueSatisfying(e -> {
            assertThat(e.status()).isEqualTo(Status.CLEARED);
            assertThat(e.reason()).contains("disabled");
        });
        assertThat(gauge()).isZero();
        // enabled again: the sustain time counts from scratch
        clock.set(T0.plus(SUSTAIN.multipliedBy(7)));
        assertThat(alert.update(alert.settings().withEnabled(true))).isEmpty();
        assertThat(at(SUSTAIN.multipliedBy(8).minusSeconds(1))).isEmpty();
        assertThat(at(SUSTAIN.multipliedBy(8))).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(Status.RAISED));
    }

    @Test
    void aThresholdRaisedAboveTheLoadClearsAndOneStillBelowItKeepsTheAlertWithoutANewRaise() {
        counts.set(load(85));
        at(Duration.ZERO);
        at(SUSTAIN).orElseThrow();
        clock.set(T0.plus(SUSTAIN).plusSeconds(10));
        assertThat(alert.update(alert.settings().withThresholdPercent(70))).isEmpty();
        assertThat(alert.state().active()).isTrue();
        assertThat(alert.state().settings().thresholdPercent()).isEqualTo(70);
        // the repeat still comes at the frequency, carrying the new threshold
        assertThat(at(SUSTAIN.plus(FREQUENCY))).hasValueSatisfying(e -> assertThat(e.thresholdPercent()).isEqualTo(70));

        clock.set(T0.plus(SUSTAIN).plus(FREQUENCY).plusSeconds(10));
        AlertEvent cleared = alert.update(alert.settings().withThresholdPercent(90)).orElseThrow();
        assertThat(cleared.status()).isEqualTo(Status.CLEARED);
        assertThat(cleared.thresholdPercent()).isEqualTo(90);
        assertThat(gauge()).isZero();
    }

    @Test
    void aThresholdLoweredBelowTheLoadStartsTheSustainTime() {
        counts.set(load(75));
        at(Duration.ZERO);
        assertThat(alert.state().aboveThresholdSince()).isNull();
        clock.set(T0.plusSeconds(60));
        alert.update(alert.settings().withThresholdPercent(70));
        assertThat(alert.state().aboveThresholdSince()).isEqualTo(T0.plusSeconds(60));
        assertThat(at(SUSTAIN)).isEmpty();
        assertThat(at(SUSTAIN.plusSeconds(60))).isPresent();
    }

    @Test
    void outsideTheScheduleNothingIsRaisedAndASustainedLoadRaisesWhenTheWindowOpens() {
        // Friday 13:00 to 14:00 UTC; T0 is Friday 12:00
        alert.update(alert.settings().withSchedule(new AlertSchedule(EnumSet.of(DayOfWeek.FRIDAY),
                LocalTime.of(13, 0), LocalTime.of(14, 0), ZoneOffset.UTC)));
        counts.set(load(99));
        at(Duration.ZERO);
        assertThat(at(Duration.ofMinutes(59))).isEmpty();
        assertThat(alert.state().aboveThresholdSince()).isEqualTo(T0);
        AlertEvent raised = at(Duration.ofMinutes(60)).orElseThrow();
        assertThat(raised.status()).isEqualTo(Status.RAISED);
        assertThat(at(Duration.ofMinutes(65))).isPresent();
        // the window closes: the raised alert clears, though the load is still high
        AlertEvent cleared = at(Duration.ofMinutes(120)).orElseThrow();
        assertThat(cleared.status()).isEqualTo(Status.CLEARED);
        assertThat(cleared.reason()).contains("schedule");
        assertThat(at(Duration.ofMinutes(180))).isEmpty();
        assertThat(gauge()).isZero();
    }

    @Test
    void aWindowAcrossMidnightRaisesAfterMidnightInItsZone() {
        // Friday 22:00 to 06:00 in Berlin (UTC+1 in January), i.e. Friday 21:00 to Saturday 05:00 UTC
        alert.update(alert.settings().withSchedule(new AlertSchedule(EnumSet.of(DayOfWeek.FRIDAY),
                LocalTime.of(22, 0), LocalTime.of(6, 0), ZoneId.of("Europe/Berlin"))));
        counts.set(load(99));
        at(Duration.ZERO);
        assertThat(at(Duration.ofHours(8).plusMinutes(59))).isEmpty();   // Fri 21:59 Berlin
        assertThat(at(Duration.ofHours(13))).isPresent();                // Sat 02:00 Berlin
        assertThat(at(Duration.ofHours(16).plusMinutes(59))).isPresent(); // Sat 05:59 Berlin: a repeat
        assertThat(at(Duration.ofHours(17))).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(Status.CLEARED));
    }

    @Test
    void anEventCarriesTheCountsResourcesThresholdAndAdvice() {
        counts.set(new SessionCounts(60, 20, 3, 2, 40, 100));
        at(Duration.ZERO);
        AlertEvent e = at(SUSTAIN).orElseThrow();
        assertThat(e.alert()).isEqualTo("JSMSessionsExceedsThreshold");
        assertThat(e.severity()).isEqualTo("warning");
        assertThat(e.node()).isEqualTo("node-a");
        assertThat(e.time()).isEqualTo(T0.plus(SUSTAIN));
        assertThat(e.sessions()).isEqualTo(new SessionCounts(60, 20, 3, 2, 40, 100));
        assertThat(e.loadPercent()).isEqualTo(85.0);
        assertThat(e.thresholdPercent()).isEqualTo(80);
        assertThat(e.resources()).isEqualTo(RESOURCES);
        assertThat(e.reason()).contains("85.0%").contains("80%");
        assertThat(e.recommendedAction()).contains("add a node").contains("move users").contains("capacity profile");
    }

    @Test
    void theHistoryKeepsTheNewestThousandEventsNewestFirst() {
        AlertHistory history = new AlertHistory();
        counts.set(load(90));
        at(Duration.ZERO);
        AlertEvent template = at(SUSTAIN).orElseThrow();
        for (int i = 0; i < AlertHistory.CAPACITY + 400; i++) {
            history.add(new AlertEvent(template.alert(), i % 2 == 0 ? Status.RAISED : Status.CLEARED,
                    template.severity(), T0.plusSeconds(i), template.since(), 0, template.node(), template.sessions(),
                    template.loadPercent(), template.thresholdPercent(), template.resources(), template.reason(),
                    template.recommendedAction()));
        }
        List<AlertEvent> newest = history.newestFirst(AlertHistory.CAPACITY + 10);
        assertThat(AlertHistory.CAPACITY).isEqualTo(1000);
        assertThat(newest).hasSize(AlertHistory.CAPACITY);
        assertThat(newest.get(0).time()).isEqualTo(T0.plusSeconds(1399));
        assertThat(newest.get(AlertHistory.CAPACITY - 1).time()).isEqualTo(T0.plusSeconds(400));
        assertThat(history.newestFirst(3)).extracting(AlertEvent::time)
                .containsExactly(T0.plusSeconds(1399), T0.plusSeconds(1398), T0.plusSeconds(1397));
        // the engine's own history is one of these
        assertThat(alert.history(AlertHistory.CAPACITY)).containsExactly(template);
    }

    @Test
    void aFailingListenerDoesNotStopTheEngine() {
        alert.addListener(e -> {
            throw new IllegalStateException("receiver down");
        });
        counts.set(load(90));
        at(Duration.ZERO);
        assertThat(at(SUSTAIN)).isPresent();
        assertThat(heard).hasSize(1);
        assertThat(alert.state().active()).isTrue();
    }

    /** A clock that stands still until the test sets it. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
