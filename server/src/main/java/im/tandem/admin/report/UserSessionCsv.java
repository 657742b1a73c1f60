package im.tandem.admin.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The user session report as CSV ({@link CsvWriter}: RFC 4180, safe to open in a spreadsheet).
 * The summary has a row per level: the cluster, each sub-cluster, each node. The drill-down has
 * a row per user; its per-session columns hold one value per session, oldest login first, one
 * per line inside the field (resources cannot contain line breaks), each value neutralized on
 * its own.
 */
public final class UserSessionCsv {

    /** Header of the summary. */
    public static final List<String> SUMMARY_HEADER = List.of("Level", "Redundancy group", "Node",
            "Users with 1 device", "Users with 2 devices", "Users with 3 devices", "Users with 4+ devices",
            "Users with 1+ devices", "Total sessions", "Generated at");

    /** Header of the drill-down. */
    public static final List<String> USERS_HEADER = List.of("Username", "Sessions", "Resources", "Device types",
            "Locations", "Login times", "Stream states", "Redundancy group", "Node", "Generated at");

    private UserSessionCsv() {
    }

    /** The summary: header, the cluster row, then each sub-cluster followed by its nodes. */
    public static String summary(UserSessionReport report) {
        CsvWriter csv = new CsvWriter();
        csv.row(SUMMARY_HEADER);
        csv.row(summaryRow("cluster", null, null, report.counts(), report));
        for (SubClusterSummary sub : report.subClusters()) {
            csv.row(summaryRow("subcluster", sub.redundancyGroup(), null, sub.counts(), report));
            for (NodeSummary node : sub.nodes()) {
                csv.row(summaryRow("node", node.redundancyGroup(), node.node(), node.counts(), report));
            }
        }
        return csv.toString();
    }

    private static List<Object> summaryRow(String level, String group, String node, DeviceCounts c,
                                           UserSessionReport report) {
        List<Object> row = new ArrayList<>(10);
        row.add(level);
        row.add(group);
        row.add(node);
        row.add(c.usersWith1Device());
        row.add(c.usersWith2Devices());
        row.add(c.usersWith3Devices());
        row.add(c.usersWith4OrMoreDevices());
        row.add(c.usersWith1OrMoreDevices());
        row.add(c.sessions());
        row.add(report.generatedAt().toString());
        return row;
    }

    /** The drill-down of one node: header, then a row per user. */
    public static String users(NodeUsersReport report) {
        // about 200 characters per user keeps the builder from growing many times
        CsvWriter csv = new CsvWriter(new StringBuilder(256 + report.users().size() * 200));
        csv.row(USERS_HEADER);
        String generatedAt = report.generatedAt().toString();
        for (UserSessions user : report.users()) {
            List<DeviceSession> devices = user.devices();
            csv.row(user.username(), user.sessions(), lines(devices, DeviceSession::resource),
                    lines(devices, DeviceSession::device), lines(devices, DeviceSession::location),
                    lines(devices, d -> d.loginTime().toString()), lines(devices, DeviceSession::state),
                    report.redundancyGroup(), report.node(), generatedAt);
        }
        return csv.toString();
    }

    private static String lines(List<DeviceSession> devices, Function<DeviceSession, String> value) {
        if (devices.size() == 1) {
            return CsvWriter.neutralize(String.valueOf(value.apply(devices.get(0))));
        }
        StringBuilder sb = new StringBuilder();
        for (DeviceSession d : devices) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(CsvWriter.neutralize(String.valueOf(value.apply(d))));
        }
        return sb.toString();
    }
}
