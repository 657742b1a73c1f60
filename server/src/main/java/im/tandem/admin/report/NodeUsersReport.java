package im.tandem.admin.report;

import java.time.Instant;
import java.util.List;

/**
 * The drill-down of the user session report for one node: a row per logged-in user.
 *
 * @param redundancyGroup the sub-cluster the node belongs to
 * @param node            the node's name
 * @param generatedAt     when the rows were taken
 * @param users           one row per user, by username
 */
public record NodeUsersReport(String redundancyGroup, String node, Instant generatedAt, List<UserSessions> users) {
}
