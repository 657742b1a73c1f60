package im.tandem.admin;

import im.tandem.alert.CapacityAlert;
import im.tandem.mdm.FlushTrigger;
import im.tandem.mdm.MdmMetrics;
import im.tandem.mdm.QuietMode;
import im.tandem.session.NodeCapacity;
import im.tandem.session.SessionCounts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/counters}: the counters of SPEC sections 3 and 4 under their Cisco names. */
@RestController
public class CountersController {

    private final MdmMetrics mdm;
    private final QuietMode quietMode;
    private final NodeCapacity capacity;
    private final CapacityAlert alert;

    public CountersController(MdmMetrics mdm, QuietMode quietMode, NodeCapacity capacity, CapacityAlert alert) {
        this.mdm = mdm;
        this.quietMode = quietMode;
        this.capacity = capacity;
        this.alert = alert;
    }

    @GetMapping(path = "/api/v1/counters", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Number> counters() {
        Map<String, Number> counters = new LinkedHashMap<>();
        counters.put("MDMSessions", (long) mdm.mdmSessions());
        counters.put("MDMSilentModeSessions", (long) mdm.silentModeSessions());
        counters.put("MDMQuietModeSessions", quietMode.quietSessionCount());
        counters.put("MDMBufferFlushes", (long) mdm.flushesTotal());
        counters.put("MDMBufferFlushesLimitReached", (long) mdm.flushes(FlushTrigger.GLOBAL_LIMIT));
        counters.put("MDMBufferFlushPacketCount", (long) mdm.flushPacketsLastPeriod());
        counters.put("MDMBufferAvgQueuedTime", mdm.averageQueuedSeconds());
        SessionCounts sessions = capacity.counts();
        counters.put("JsmClientSessionsActive", sessions.client());
        counters.put("JsmClientSessionsActiveInternal", sessions.clientInternal());
        counters.put("JsmClientSessionsActiveOffsite", sessions.clientOffsite());
        counters.put("JsmPhantomSessionsActive", sessions.phantom());
        counters.put("JsmHybridSessionsActive", sessions.hybrid());
        counters.put("JsmCombinedSessions", sessions.combined());
        counters.put("JsmSessionsLoadPercent", sessions.loadPercent());
        counters.put("JSMSessionsExceedsThreshold", alert.state().active() ? 1 : 0);
        return counters;
    }
}
