package im.tandem.session;

import im.tandem.admin.MeterNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The gauges of the session kinds that {@link SessionLocations} does not count (SPEC section 4):
 * {@code tandem_jsm_phantom_sessions_active} (Cisco JsmPhantomSessionsActive),
 * {@code tandem_jsm_hybrid_sessions_active} (JsmHybridSessionsActive) and
 * {@code tandem_jsm_combined_sessions} (JsmCombinedSessions), read from
 * {@link NodeCapacity#counts()} at scrape time.
 */
@Component
public class SessionKindMetrics {

    public SessionKindMetrics(NodeCapacity capacity, MeterRegistry meters) {
        gauge(meters, MeterNames.JSM_PHANTOM_SESSIONS_ACTIVE, capacity, c -> c.counts().phantom(),
                "Phantom sessions kept for push-enabled clients whose connection dropped");
        gauge(meters, MeterNames.JSM_HYBRID_SESSIONS_ACTIVE, capacity, c -> c.counts().hybrid(),
                "Sessions held for hybrid users while their interop gateway is connected");
        gauge(meters, MeterNames.JSM_COMBINED_SESSIONS, capacity, c -> c.counts().combined(),
                "Users assigned to this node, one combined session each");
    }

    private static void gauge(MeterRegistry meters, String name, NodeCapacity capacity,
                              ToDoubleFunction<NodeCapacity> value, String description) {
        Gauge.builder(name, capacity, value).description(description).register(meters);
    }
}
