package im.tandem.admin.report;

import im.tandem.config.NodeProperties;
import im.tandem.session.SessionLocations;
import im.tandem.session.SessionRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Produces the user session report of the cluster and the drill-down of one node. Until
 * clustering exists the cluster is this node alone, in its configured redundancy group; the
 * report is shaped for many (sub-clusters of nodes) so that remote nodes' lines can join it.
 */
@Component
public class UserSessionReports {

    private final SessionRegistry sessions;
    private final SessionLocations locations;
    private final NodeProperties node;
    private final Clock clock;

    public UserSessionReports(SessionRegistry sessions, SessionLocations locations, NodeProperties node, Clock clock) {
        this.sessions = sessions;
        this.locations = locations;
        this.node = node;
        this.clock = clock;
    }

    /** The nodes the report covers, by name. */
    public List<String> nodes() {
        return List.of(node.name());
    }

    /** The report now: cluster, sub-clusters and nodes. */
    public UserSessionReport summary() {
        Instant now = clock.instant();
        NodeSummary local = new NodeSummary(node.redundancyGroup(), node.name(),
                UserSessionReportBuilder.countDevices(sessions.all()), now);
        return UserSessionReportBuilder.summarize(now, List.of(local));
    }

    /** The per-user rows of the node of that name, or empty when no node has it. */
    public Optional<NodeUsersReport> nodeUsers(String nodeName) {
        if (!node.name().equals(nodeName)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return Optional.of(new NodeUsersReport(node.redundancyGroup(), node.name(), now,
                UserSessionReportBuilder.users(sessions.all(), s -> locations.locationOf(s).tag())));
    }
}
