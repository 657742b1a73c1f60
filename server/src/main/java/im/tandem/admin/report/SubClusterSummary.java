package im.tandem.admin.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;

/**
 * One sub-cluster (an HA pair of nodes, Cisco's presence redundancy group) in the user session
 * report: the counts of its nodes together, and each node's.
 *
 * @param redundancyGroup the sub-cluster's name
 * @param counts          the counts of all its nodes (shown inline in JSON)
 * @param generatedAt     when the counts were taken
 * @param nodes           its nodes, in configuration order
 */
@JsonPropertyOrder({"redundancyGroup"})
public record SubClusterSummary(String redundancyGroup, @JsonUnwrapped DeviceCounts counts, Instant generatedAt,
                                List<NodeSummary> nodes) {
}
