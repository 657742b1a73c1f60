package im.tandem.admin.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * One node's line of the user session report.
 *
 * @param redundancyGroup the sub-cluster the node belongs to
 * @param node            the node's name ({@code tandem.node.name})
 * @param counts          its users by number of devices, and its sessions (shown inline in JSON)
 * @param generatedAt     when the counts were taken
 */
@JsonPropertyOrder({"redundancyGroup", "node"})
public record NodeSummary(String redundancyGroup, String node, @JsonUnwrapped DeviceCounts counts,
                          Instant generatedAt) {
}
