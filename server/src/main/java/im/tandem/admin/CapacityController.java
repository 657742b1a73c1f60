package im.tandem.admin;

import im.tandem.alert.CapacityAlert;
import im.tandem.session.CapacityProperties;
import im.tandem.session.NodeCapacity;
import im.tandem.session.SessionCounts;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/capacity}: the node's sessions by kind, its limit and load, and the capacity alert's state. */
@RestController
public class CapacityController {

    /** Sessions by kind (SPEC section 4); {@code load} is what counts against the limit. */
    public record Sessions(long clientInternal, long clientOffsite, long client, long phantom, long hybrid,
                           long combined, long load) {
    }

    /** The JSMSessionsExceedsThreshold alert now. */
    public record AlertState(String name, boolean enabled, boolean active, Instant since, Instant lastRaisedAt,
                             int thresholdPercent, Instant aboveThresholdSince) {
    }

    /** The capacity of the node: profile, explicit limit (0: from the profile), HA halving, and the limit they give. */
    public record CapacityView(String node, String profile, int maxSessions, boolean haActiveActive, int limit,
                               Sessions sessions, double loadPercent, AlertState alert) {
    }

    private final NodeCapacity capacity;
    private final CapacityProperties properties;
    private final CapacityAlert alert;

    public CapacityController(NodeCapacity capacity, CapacityProperties properties, CapacityAlert alert) {
        this.capacity = capacity;
        this.properties = properties;
        this.alert = alert;
    }

    @GetMapping(path = "/api/v1/capacity", produces = MediaType.APPLICATION_JSON_VALUE)
    public CapacityView capacity() {
        SessionCounts c = capacity.counts();
        CapacityAlert.State s = alert.state();
        Sessions sessions = new Sessions(c.clientInternal(), c.clientOffsite(), c.client(), c.phantom(), c.hybrid(),
                c.combined(), c.load());
        AlertState state = new AlertState(CapacityAlert.NAME, s.settings().enabled(), s.active(), s.since(),
                s.lastRaisedAt(), s.settings().thresholdPercent(), s.aboveThresholdSince());
        return new CapacityView(alert.node(), properties.profile(), properties.maxSessions(),
                properties.haActiveActive(), c.limit(), sessions, c.loadPercent(), state);
    }
}
