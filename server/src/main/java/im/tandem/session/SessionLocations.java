package im.tandem.session;

import im.tandem.admin.MeterNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Where a client session comes from (SPEC section 4): {@code offsite} when its address is in
 * {@code tandem.sessions.offsite-networks}, else {@code internal}; and the
 * {@code tandem_jsm_client_sessions_active{location}} gauges (Cisco JsmClientSessionsActive).
 * The gauges count at scrape time, one pass over the registry; phantom sessions are no client sessions.
 */
@Component
public class SessionLocations {

    /** The two locations, as the metric's tag values. */
    public enum Location { INTERNAL, OFFSITE;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final SessionRegistry sessions;
    private final List<NetworkRange> offsite;

    public SessionLocations(SessionRegistry sessions, SessionProperties properties, MeterRegistry meters) {
        this.sessions = sessions;
        this.offsite = properties.offsiteRanges();
        for (Location location : Location.values()) {
            Gauge.builder(MeterNames.JSM_CLIENT_SESSIONS_ACTIVE, () -> count(location))
                    .tag("location", location.tag())
                    .description("Client sessions on this node by where they connect from").register(meters);
        }
    }

    /** Off-site if the session came through a trusted edge (PROXY protocol) or from an off-site network. */
    public Location locationOf(ClientSession session) {
        if (session.edgeAddress() != null) {
            return Location.OFFSITE;
        }
        InetSocketAddress remote = session.remoteAddress();
        if (remote != null && remote.getAddress() != null) {
            for (NetworkRange range : offsite) {
                if (range.contains(remote.getAddress())) {
                    return Location.OFFSITE;
                }
            }
        }
        return Location.INTERNAL;
    }

    public long count(Location location) {
        long n = 0;
        for (ClientSession s : sessions.all()) {
            if (!SessionKinds.isPhantom(s) && locationOf(s) == location) {
                n++;
            }
        }
        return n;
    }
}
