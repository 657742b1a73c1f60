package im.tandem.admin.report;

import java.util.List;

/**
 * One user's row in the per-node drill-down.
 *
 * @param username the account name
 * @param sessions how many sessions the user has on the node
 * @param devices  those sessions, oldest login first
 */
public record UserSessions(String username, int sessions, List<DeviceSession> devices) {
}
