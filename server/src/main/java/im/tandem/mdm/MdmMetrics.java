package im.tandem.mdm;

import im.tandem.admin.MeterNames;
import im.tandem.mdm.CarbonCopies.Direction;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The MDM counters of SPEC section 3 as Micrometer meters. Session gauges are computed when
 * scraped from the session registry, so they can never drift from it.
 */
@Component
public class MdmMetrics {

    private final SessionRegistry sessions;
    private final MdmSwitch mdm;
    private final ActiveClientTracker activeClients;
    private final Clock clock;
    private final Map<FlushTrigger, Counter> flushes = new EnumMap<>(FlushTrigger.class);
    private final Map<Direction, Counter> carbons = new EnumMap<>(Direction.class);
    private final Timer queued;
    private final long periodSeconds;
    private final long[] bucketSecond;
    private final long[] bucketCount;

    public MdmMetrics(MeterRegistry meters, SessionRegistry sessions, MdmSwitch mdm, ActiveClientTracker activeClients,
                      Clock clock, @Value("${tandem.metrics.period:60s}") Duration period) {
        this.sessions = sessions;
        this.mdm = mdm;
        this.activeClients = activeClients;
        this.clock = clock;
        this.periodSeconds = Math.max(1, period.toSeconds());
        this.bucketSecond = new long[(int) Math.min(periodSeconds, 3600)];
        this.bucketCount = new long[bucketSecond.length];
        for (FlushTrigger trigger : FlushTrigger.values()) {
            flushes.put(trigger, Counter.builder(MeterNames.MDM_BUFFER_FLUSHES).tag("trigger", trigger.tag())
                    .description("Quiet-mode buffer flushes").register(meters));
        }
        for (Direction direction : Direction.values()) {
            carbons.put(direction, Counter.builder(MeterNames.MDM_CARBONS).tag("direction", direction.element)
                    .description("Carbon copies delivered").register(meters));
        }
        queued = Timer.builder(MeterNames.MDM_BUFFER_QUEUED)
                .description("Time stanzas waited in a quiet-mode buffer before a flush").register(meters);
        Gauge.builder(MeterNames.MDM_SESSIONS, this, MdmMetrics::mdmSessions)
                .description("MDM-enabled sessions").register(meters);
        Gauge.builder(MeterNames.MDM_SILENT_MODE_SESSIONS, this, MdmMetrics::silentModeSessions)
                .description("MDM sessions getting silent copies because another session of the user is active")
                .register(meters);
        Gauge.builder(MeterNames.MDM_BUFFER_FLUSH_PACKETS, this, MdmMetrics::flushPacketsLastPeriod)
                .description("Stanzas flushed from quiet-mode buffers in the last metrics period").register(meters);
    }

    void carbon(Direction direction) {
        carbons.get(direction).increment();
    }

    void flushed(FlushTrigger trigger, int stanzas) {
        flushes.get(trigger).increment();
        long second = clock.instant().getEpochSecond();
        int i = (int) (second % bucketSecond.length);
        synchronized (bucketSecond) {
            if (bucketSecond[i] != second) {
                bucketSecond[i] = second;
                bucketCount[i] = 0;
            }
            bucketCount[i] += stanzas;
        }
    }

    void queued(Duration waited) {
        queued.record(waited.isNegative() ? Duration.ZERO : waited);
    }

    /** Sessions with carbons enabled while MDM is in force. */
    public double mdmSessions() {
        if (!mdm.enabled()) {
            return 0;
        }
        int n = 0;
        for (ClientSession s : sessions.all()) {
            if (MdmSessionState.carbonsEnabled(s)) {
                n++;
            }
        }
        return n;
    }

    /** MDM sessions whose user has an active client that is another session. */
    public double silentModeSessions() {
        if (!mdm.enabled()) {
            return 0;
        }
        int n = 0;
        Set<String> seen = new HashSet<>();
        for (ClientSession s : sessions.all()) {
            if (!seen.add(s.username())) {
                continue;
            }
            var own = sessions.sessionsOf(s.bareJid());
            if (own.size() < 2) {
                continue;
            }
            ClientSession active = activeClients.active(s.bareJid());
            if (active == null) {
                continue;
            }
            for (ClientSession o : own) {
                if (o != active && MdmSessionState.carbonsEnabled(o)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Stanzas flushed within the last metrics period (one-second buckets). */
    public double flushPacketsLastPeriod() {
        long now = clock.instant().getEpochSecond();
        long sum = 0;
        synchronized (bucketSecond) {
            for (int i = 0; i < bucketSecond.length; i++) {
                if (bucketSecond[i] > now - bucketSecond.length && bucketSecond[i] <= now) {
                    sum += bucketCount[i];
                }
            }
        }
        return sum;
    }

    public double flushes(FlushTrigger trigger) {
        return flushes.get(trigger).count();
    }

    public double flushesTotal() {
        return flushes.values().stream().mapToDouble(Counter::count).sum();
    }

    /** Average seconds a stanza waited before its flush; 0 before any flush. */
    public double averageQueuedSeconds() {
        return queued.count() == 0 ? 0 : queued.mean(TimeUnit.SECONDS);
    }
}
