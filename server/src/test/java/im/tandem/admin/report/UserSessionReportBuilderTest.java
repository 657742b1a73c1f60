package im.tandem.admin.report;

import static im.tandem.admin.report.ReportSessions.device;
import static im.tandem.admin.report.ReportSessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.session.ClientSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class UserSessionReportBuilderTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    /** Users with 1, 2, 3 and 5 sessions, and one with 4: 15 sessions, 5 users. */
    private static List<ClientSession> sessions() {
        List<ClientSession> all = new ArrayList<>();
        all.add(session("ann@example.com/a", T0));
        for (int i = 0; i < 2; i++) {
            all.add(session("bob@example.com/b" + i, T0.plusSeconds(i)));
        }
        for (int i = 0; i < 3; i++) {
            all.add(session("cy@example.com/c" + i, T0.plusSeconds(i)));
        }
        for (int i = 0; i < 4; i++) {
            all.add(session("dee@example.com/d" + i, T0.plusSeconds(i)));
        }
        for (int i = 0; i < 5; i++) {
            all.add(session("eve@example.com/e" + i, T0.plusSeconds(i)));
        }
        return all;
    }

    @Test
    void countsUsersByNumberOfDevices() {
        assertThat(UserSessionReportBuilder.countDevices(sessions())).isEqualTo(new DeviceCounts(1, 1, 1, 2, 5, 15));
        assertThat(UserSessionReportBuilder.countDevices(List.of())).isEqualTo(DeviceCounts.NONE);
    }

    @Test
    void theSameUsernameOnAnotherDomainIsAnotherUser() {
        List<ClientSession> two = List.of(session("ann@example.com/a", T0), session("ann@example.org/a", T0));
        assertThat(UserSessionReportBuilder.countDevices(two)).isEqualTo(new DeviceCounts(2, 0, 0, 0, 2, 2));
    }

    @Test
    void subClustersAndTheClusterAreTheSumsOfTheirNodes() {
        DeviceCounts a = new DeviceCounts(1, 2, 3, 4, 10, 1 + 4 + 9 + 20);
        DeviceCounts b = new DeviceCounts(5, 0, 1, 0, 6, 8);
        DeviceCounts c = new DeviceCounts(0, 1, 0, 0, 1, 2);
        UserSessionReport report = UserSessionReportBuilder.summarize(T0, List.of(
                new NodeSummary("subcluster-1", "node-1", a, T0), new NodeSummary("subcluster-2", "node-3", c, T0),
                new NodeSummary("subcluster-1", "node-2", b, T0)));
        assertThat(report.counts()).isEqualTo(a.plus(b).plus(c)).isEqualTo(new DeviceCounts(6, 3, 4, 4, 17, 44));
        assertThat(report.subClusters()).extracting(SubClusterSummary::redundancyGroup)
                .containsExactly("subcluster-1", "subcluster-2");
        assertThat(report.subClusters().get(0).counts()).isEqualTo(a.plus(b));
        assertThat(report.subClusters().get(0).nodes()).extracting(NodeSummary::node).containsExactly("node-1", "node-2");
        assertThat(report.subClusters().get(1).counts()).isEqualTo(c);
        assertThat(report.generatedAt()).isEqualTo(T0);
    }

    @Test
    void drillDownHasOneRowPerUserWithItsSessionsOldestFirst() {
        List<ClientSession> all = List.of(
                device("zoe@example.com/laptop", T0.plusSeconds(5), "pc", "Windows 11"),
                device("zoe@example.com/ipad", T0.plusSeconds(1), "tablet", "iPadOS 17"),
                device("zoe@example.com/phone", T0.plusSeconds(3), "phone", "iOS 17"),
                device("adam@example.com/web", T0, "web", null),
                session("mia@example.com/raw", T0.plusSeconds(2)));
        List<UserSessions> rows = UserSessionReportBuilder.users(all,
                s -> s.jid().resource().equals("phone") ? "offsite" : "internal");
        assertThat(rows).extracting(UserSessions::username).containsExactly("adam", "mia", "zoe");
        assertThat(rows).extracting(UserSessions::sessions).containsExactly(1, 1, 3);
        UserSessions zoe = rows.get(2);
        assertThat(zoe.devices()).containsExactly(
                new DeviceSession("ipad", "Tablet", "iPad", "internal", T0.plusSeconds(1), "connected"),
                new DeviceSession("phone", "Phone", "iPhone", "offsite", T0.plusSeconds(3), "connected"),
                new DeviceSession("laptop", "Desktop", "Windows", "internal", T0.plusSeconds(5), "connected"));
        assertThat(rows.get(0).devices()).extracting(DeviceSession::device).containsExactly("Web");
        assertThat(rows.get(1).devices()).extracting(DeviceSession::device).containsExactly("Unknown");
    }

    @Test
    void jsonShowsTheCountsInlineAtEveryLevel() {
        DeviceCounts counts = new DeviceCounts(1, 1, 1, 2, 5, 15);
        UserSessionReport report = UserSessionReportBuilder.summarize(T0,
                List.of(new NodeSummary("subcluster-1", "node-1", counts, T0)));
        JsonNode json = JsonMapper.builder().build().valueToTree(report);
        for (JsonNode level : List.of(json, json.get("subClusters").get(0), json.get("subClusters").get(0).get("nodes").get(0))) {
            assertThat(level.get("usersWith1Device").asLong()).isEqualTo(1);
            assertThat(level.get("usersWith4OrMoreDevices").asLong()).isEqualTo(2);
            assertThat(level.get("usersWith1OrMoreDevices").asLong()).isEqualTo(5);
            assertThat(level.get("sessions").asLong()).isEqualTo(15);
            assertThat(level.get("generatedAt").asString()).isEqualTo("2026-12-03T10:00:00Z");
            assertThat(level.has("counts")).isFalse();
        }
        assertThat(json.get("subClusters").get(0).get("nodes").get(0).get("node").asString()).isEqualTo("node-1");
        assertThat(json.get("subClusters").get(0).get("redundancyGroup").asString()).isEqualTo("subcluster-1");
    }

    @Test
    void aDrillDownRowInJsonHasTheSessionsWithTheirDevices() {
        UserSessions row = new UserSessions("zoe", 1, List.of(
                new DeviceSession("ipad", "Tablet", "iPad", "offsite", T0, "hibernating")));
        JsonNode json = JsonMapper.builder().build().valueToTree(row);
        assertThat(json.propertyNames()).containsExactly("username", "sessions", "devices");
        JsonNode device = json.get("devices").get(0);
        assertThat(device.propertyNames()).containsExactlyInAnyOrder("resource", "deviceType", "platform", "location",
                "loginTime", "state");
        assertThat(device.get("loginTime").asString()).isEqualTo("2026-12-03T10:00:00Z");
        assertThat(device.get("platform").asString()).isEqualTo("iPad");
    }
}
