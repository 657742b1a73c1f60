package im.tandem.admin.report;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.support.StrictCsv;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserSessionCsvTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void summaryHasARowPerLevel() {
        UserSessionReport report = UserSessionReportBuilder.summarize(T0, List.of(
                new NodeSummary("subcluster-1", "node-1", new DeviceCounts(1, 2, 3, 4, 10, 34), T0),
                new NodeSummary("subcluster-1", "node-2", new DeviceCounts(1, 0, 0, 0, 1, 1), T0)));
        List<List<String>> rows = StrictCsv.parse(UserSessionCsv.summary(report));
        assertThat(rows).containsExactly(UserSessionCsv.SUMMARY_HEADER,
                List.of("cluster", "", "", "2", "2", "3", "4", "11", "35", "2026-12-03T10:00:00Z"),
                List.of("subcluster", "subcluster-1", "", "2", "2", "3", "4", "11", "35", "2026-12-03T10:00:00Z"),
                List.of("node", "subcluster-1", "node-1", "1", "2", "3", "4", "10", "34", "2026-12-03T10:00:00Z"),
                List.of("node", "subcluster-1", "node-2", "1", "0", "0", "0", "1", "1", "2026-12-03T10:00:00Z"));
    }

    @Test
    void drillDownPutsOneValuePerSessionOnItsOwnLineAndNeutralizesEach() {
        List<UserSessions> users = List.of(
                new UserSessions("=ann", 1, List.of(
                        new DeviceSession("phone", "Phone", "Android", "internal", T0, "connected"))),
                new UserSessions("bob", 3, List.of(
                        new DeviceSession("desk, \"main\"", "Desktop", null, "internal", T0, "connected"),
                        new DeviceSession("=cmd|' /C calc'!A0", "Unknown", null, "offsite", T0.plusSeconds(1),
                                "hibernating"),
                        new DeviceSession("@tab", "Tablet", "iPad", "internal", T0.plusSeconds(2), "connected"))));
        String csv = UserSessionCsv.users(new NodeUsersReport("subcluster-1", "node-1", T0, users));
        List<List<String>> rows = StrictCsv.parse(csv);
        assertThat(rows).containsExactly(UserSessionCsv.USERS_HEADER,
                List.of("'=ann", "1", "phone", "Phone (Android)", "internal", "2026-12-03T10:00:00Z", "connected",
                        "subcluster-1", "node-1", "2026-12-03T10:00:00Z"),
                List.of("bob", "3", "desk, \"main\"\n'=cmd|' /C calc'!A0\n'@tab", "Desktop\nUnknown\nTablet (iPad)",
                        "internal\noffsite\ninternal",
                        "2026-12-03T10:00:00Z\n2026-12-03T10:00:01Z\n2026-12-03T10:00:02Z",
                        "connected\nhibernating\nconnected", "subcluster-1", "node-1", "2026-12-03T10:00:00Z"));
    }

    @Test
    void aHostileValueFirstInItsFieldMakesTheFieldStartWithAnApostrophe() {
        List<UserSessions> users = List.of(new UserSessions("carl", 2, List.of(
                new DeviceSession("=HYPERLINK(\"http://evil.example\")", "Web", null, "internal", T0, "connected"),
                new DeviceSession("-1+1", "Web", null, "internal", T0, "connected"))));
        List<List<String>> rows = StrictCsv.parse(UserSessionCsv.users(new NodeUsersReport("g", "n", T0, users)));
        assertThat(rows.get(1).get(2)).isEqualTo("'=HYPERLINK(\"http://evil.example\")\n'-1+1");
    }
}
