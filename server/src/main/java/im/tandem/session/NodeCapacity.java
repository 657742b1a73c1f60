package im.tandem.session;

import im.tandem.admin.MeterNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;
import org.springframework.stereotype.Component;

/**
 * How full this node is (SPEC section 4): its session limit from the capacity profile, the
 * load in percent, and admission: at 100% a new session is refused rather than the node
 * degrading for everyone. A session that replaces one with the same full JID takes no new
 * place, and a resumed stream (XEP-0198) is no new session.
 */
@Component
public class NodeCapacity {

    private final SessionRegistry sessions;
    private final int limit;
    private final io.micrometer.core.instrument.Counter refused;
    private final SessionLocations locations;
    private volatile LongSupplier phantoms = () -> 0;
    private volatile LongSupplier hybrids = () -> 0;
    private volatile LongSupplier combined = () -> 0;

    public NodeCapacity(SessionRegistry sessions, SessionLocations locations, CapacityProperties properties,
                        MeterRegistry meters) {
        this.sessions = sessions;
        this.locations = locations;
        this.limit = properties.sessionLimit();
        Gauge.builder(MeterNames.JSM_SESSIONS_LOAD_PERCENT, this, NodeCapacity::loadPercent)
                .description("Sessions of this node over its capacity limit, in percent").register(meters);
        Gauge.builder(MeterNames.JSM_SESSIONS_LIMIT, this, NodeCapacity::limit)
                .description("Session capacity limit of this node").register(meters);
        this.refused = io.micrometer.core.instrument.Counter.builder(MeterNames.JSM_SESSIONS_REFUSED)
                .description("Logins refused because the node was at its capacity limit").register(meters);
    }

    public int limit() {
        return limit;
    }

    /** Where phantom sessions are counted (they are registered sessions too, not client ones). */
    public void countPhantoms(LongSupplier source) {
        this.phantoms = source;
    }

    /** Where hybrid sessions are counted (held outside the client registry). */
    public void countHybrids(LongSupplier source) {
        this.hybrids = source;
    }

    /** Where combined sessions (users assigned to the node) are counted. */
    public void countCombined(LongSupplier source) {
        this.combined = source;
    }

    /** The sessions of each kind now: one pass over the registry. */
    public SessionCounts counts() {
        long phantom = phantoms.getAsLong();
        long offsite = locations.count(SessionLocations.Location.OFFSITE);
        long internal = Math.max(0, sessions.sessionCount() - phantom - offsite);
        return new SessionCounts(internal, offsite, phantom, hybrids.getAsLong(), combined.getAsLong(), limit);
    }

    /** Client, phantom and hybrid sessions over the limit, in percent. */
    public double loadPercent() {
        return 100.0 * loadSessions() / limit;
    }

    private long loadSessions() {
        return sessions.sessionCount() + hybrids.getAsLong();
    }

    /**
     * Whether a new session may be bound now; counts a refusal. The check and the registration
     * are not one atomic step, so binds racing at the limit may pass it by a few: a soft limit.
     */
    public boolean admit() {
        if (loadSessions() < limit) {
            return true;
        }
        refused.increment();
        return false;
    }
}
