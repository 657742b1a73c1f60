package im.tandem.alert;

import im.tandem.admin.MeterNames;
import im.tandem.session.SessionCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert {@value #NAME} of this node (SPEC section 4; the seed's RTMT alert): raised when the
 * load stays above the threshold for the sustain time, raised again every {@code frequency}
 * while it stays above, cleared when the load drops to or below the threshold.
 *
 * <p>Each {@link #evaluate(Instant)} compares the load now with the settings. The sustain time
 * counts from the first evaluation that saw the load above the threshold while the alert was
 * enabled, whatever the schedule: outside the schedule the alert is not raised (and one raised
 * is cleared when the window closes), but a load that has stayed high since before the window
 * opened raises the alert as soon as it opens. Disabling the alert clears it and forgets the
 * sustain time. A new threshold applies at the next evaluation ({@link #update} evaluates at
 * once): an alert still above it stays raised without a new raise, one at or below it clears.
 *
 * <p>Events go to the log (WARN on a raise, INFO on a clear), to an in-memory
 * {@link AlertHistory} of the newest {@value AlertHistory#CAPACITY}, to the
 * {@link MeterNames#JSM_SESSIONS_EXCEEDS_THRESHOLD_RAISED} counter and to the listeners, which
 * run under the engine's lock and must not block. The gauge
 * {@link MeterNames#JSM_SESSIONS_EXCEEDS_THRESHOLD} is 1 while the alert is raised.
 */
public class CapacityAlert {

    /** The alert's name, as in the seed (Cisco RTMT). */
    public static final String NAME = "JSMSessionsExceedsThreshold";
    /** Severity of the alert. */
    public static final String SEVERITY = "warning";
    /** What the operator should do, adapted from the seed's recommended action. */
    public static final String RECOMMENDED_ACTION = "Check this node's heap and CPU use (in this alert). "
            + "If they are high too, balance the load: add a node and assign users to it, move users to a "
            + "less-loaded node, or raise the capacity profile (tandem.capacity.profile) if the host has memory "
            + "and CPU to spare. Tandem does not move users between nodes by itself; at 100% this node refuses "
            + "new logins.";

    private static final Logger log = LoggerFactory.getLogger(CapacityAlert.class);

    /**
     * The alert now.
     *
     * @param settings            the settings in force
     * @param active              whether the alert is raised
     * @param since               when it was first raised in this episode (null when not raised)
     * @param lastRaisedAt        its latest raise or repeat (null when not raised)
     * @param repeat              how many repeats followed the first raise
     * @param aboveThresholdSince since when the load has been above the threshold (null when it is not)
     */
    public record State(AlertSettings settings, boolean active, Instant since, Instant lastRaisedAt, int repeat,
                        Instant aboveThresholdSince) {
    }

    private final Supplier<SessionCounts> counts;
    private final Supplier<ResourceUsage> resources;
    private final String node;
    private final Clock clock;
    private final AlertHistory history = new AlertHistory();
    private final List<Consumer<AlertEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Counter raised;

    private volatile AlertSettings settings;
    private volatile State state;
    // guarded by this
    private Instant aboveSince;
    private Instant activeSince;
    private Instant lastRaised;
    private int repeat;

    public CapacityAlert(Supplier<SessionCounts> counts, Supplier<ResourceUsage> resources, String node,
                         AlertSettings initial, Clock clock, MeterRegistry meters) {
        this.counts = counts;
        this.resources = resources;
        this.node = node;
        this.clock = clock;
        this.settings = initial;
        this.state = new State(initial, false, null, null, 0, null);
        Gauge.builder(MeterNames.JSM_SESSIONS_EXCEEDS_THRESHOLD, this, a -> a.state.active() ? 1 : 0)
                .description("1 while the JSMSessionsExceedsThreshold alert is raised, else 0").register(meters);
        this.raised = Counter.builder(MeterNames.JSM_SESSIONS_EXCEEDS_THRESHOLD_RAISED)
                .description("JSMSessionsExceedsThreshold alerts raised, repeats included").register(meters);
    }

    /** Adds a listener of every raise and clear; it runs under the engine's lock and must not block. */
    public void addListener(Consumer<AlertEvent> listener) {
        listeners.add(listener);
    }

    public AlertSettings settings() {
        return settings;
    }

    public State state() {
        return state;
    }

    public String node() {
        return node;
    }

    /** Up to {@code limit} events, newest first. */
    public List<AlertEvent> history(int limit) {
        return history.newestFirst(limit);
    }

    /** The latest event of the raised alert, or empty when it is not raised. */
    public synchronized Optional<AlertEvent> activeEvent() {
        if (activeSince == null) {
            return Optional.empty();
        }
        return history.newestFirst(1).stream().findFirst();
    }

    /** Applies new settings and evaluates at once (so that disabling clears now, not at the next tick). */
    public synchronized Optional<AlertEvent> update(AlertSettings newSettings) {
        this.settings = newSettings;
        return evaluate(clock.instant());
    }

    /** Evaluates the load now, by the engine's clock. */
    public Optional<AlertEvent> evaluate() {
        return evaluate(clock.instant());
    }

    /** Compares the load with the settings at {@code now}; returns the event this caused, if any. */
    public synchronized Optional<AlertEvent> evaluate(Instant now) {
        AlertSettings s = settings;
        SessionCounts c = counts.get();
        double load = c.loadPercent();
        Optional<AlertEvent> event = Optional.empty();
        if (!s.enabled() || load <= s.thresholdPercent()) {
            aboveSince = null;
            if (activeSince != null) {
                event = Optional.of(clear(now, c, s, !s.enabled() ? "the alert was disabled"
                        : String.format(Locale.ROOT, "load %.1f%% is at or below the threshold %d%%", load,
                        s.thresholdPercent())));
            }
        } else {
            if (aboveSince == null || now.isBefore(aboveSince)) {
                aboveSince = now;
            }
            boolean scheduled = s.schedule() == null || s.schedule().contains(now);
            if (activeSince != null) {
                if (!scheduled) {
                    event = Optional.of(clear(now, c, s, "the alert schedule's window closed"));
                } else if (!now.isBefore(lastRaised.plus(s.frequency()))) {
                    repeat++;
                    event = Optional.of(raise(now, c, s));
                }
            } else if (scheduled && !now.isBefore(aboveSince.plus(s.sustain()))) {
                activeSince = now;
                repeat = 0;
                event = Optional.of(raise(now, c, s));
            }
        }
        state = new State(s, activeSince != null, activeSince, lastRaised, repeat, aboveSince);
        return event;
    }

    private AlertEvent raise(Instant now, SessionCounts c, AlertSettings s) {
        lastRaised = now;
        String reason = String.format(Locale.ROOT, "load %.1f%% has been above the threshold %d%% since %s",
                c.loadPercent(), s.thresholdPercent(), aboveSince);
        AlertEvent event = event(AlertEvent.Status.RAISED, now, c, s, reason);
        raised.increment();
        log.warn("{} raised{} on node {}: {}; sessions: client {} internal + {} off-site, phantom {}, hybrid {}, "
                        + "combined {}, limit {}; heap {} of {} MB, CPU {}%. {}", NAME,
                repeat == 0 ? "" : " again (repeat " + repeat + ")", node, reason, c.clientInternal(),
                c.clientOffsite(), c.phantom(), c.hybrid(), c.combined(), c.limit(),
                event.resources().heapUsedBytes() >> 20, event.resources().heapMaxBytes() >> 20,
                event.resources().processCpuPercent(), RECOMMENDED_ACTION);
        publish(event);
        return event;
    }

    private AlertEvent clear(Instant now, SessionCounts c, AlertSettings s, String reason) {
        AlertEvent event = event(AlertEvent.Status.CLEARED, now, c, s, reason);
        log.info("{} cleared on node {}: {} (raised since {})", NAME, node, reason, activeSince);
        activeSince = null;
        lastRaised = null;
        repeat = 0;
        publish(event);
        return event;
    }

    private AlertEvent event(AlertEvent.Status status, Instant now, SessionCounts c, AlertSettings s, String reason) {
        return new AlertEvent(NAME, status, SEVERITY, now, activeSince, repeat, node, c, c.loadPercent(),
                s.thresholdPercent(), resources.get(), reason, RECOMMENDED_ACTION);
    }

    private void publish(AlertEvent event) {
        history.add(event);
        for (Consumer<AlertEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("alert listener failed on {} {}", event.alert(), event.status(), e);
            }
        }
    }
}
