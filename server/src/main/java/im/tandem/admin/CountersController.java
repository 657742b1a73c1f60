package im.tandem.admin;

import im.tandem.mdm.FlushTrigger;
import im.tandem.mdm.MdmMetrics;
import im.tandem.mdm.QuietMode;
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

    public CountersController(MdmMetrics mdm, QuietMode quietMode) {
        this.mdm = mdm;
        this.quietMode = quietMode;
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
        return counters;
    }
}
