package im.tandem.admin.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;

/**
 * The user session report (SPEC section 4; the seed's "user session report" for device
 * capacity monitoring): at cluster level, per sub-cluster and per node, how many users are
 * logged in from 1, 2, 3 and 4 or more devices, from at least one, and how many sessions
 * there are.
 *
 * @param counts      the whole cluster's counts (shown inline in JSON)
 * @param generatedAt when the counts were taken
 * @param subClusters the sub-clusters, each with its nodes
 */
public record UserSessionReport(@JsonUnwrapped DeviceCounts counts, Instant generatedAt,
                                List<SubClusterSummary> subClusters) {
}
