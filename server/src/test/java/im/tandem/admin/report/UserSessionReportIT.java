package im.tandem.admin.report;

import static im.tandem.support.Problems.detailedProblem;
import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.support.RawXmppClient;
import im.tandem.support.StrictCsv;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user session report end to end (SPEC sections 4 and 5): real Smack clients that
 * advertise real entity caps (identity phone, pc, console, tablet, web, bot) and answer
 * software version queries, plus a raw client with a hostile resource that connects from an
 * off-site address and leaves its session hibernating; then the JSON summary, the drill-down
 * and both CSVs show exactly what is connected. This server has its own context (node name,
 * redundancy group and off-site network set here), so no other test's sessions are counted.
 */
@TestPropertySource(properties = {
        "tandem.node.name=report-node-a",
        "tandem.node.redundancy-group=rg-east",
        "tandem.sessions.offsite-networks=127.0.0.2/32"})
class UserSessionReportIT extends TandemServerTest {

    private static final String NODE = "report-node-a";
    private static final String HOSTILE = "=cmd|' /C calc'!A0";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one session should show: device, location, stream state. */
    private record Expected(String device, String location, String state) {
    }

    @Autowired
    SessionRegistry sessions;

    WebTestClient http;
    WebTestClient admin;

    @BeforeEach
    void httpClients() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + httpPort)
                .responseTimeout(Duration.ofSeconds(20)).codecs(c -> c.defaultCodecs().maxInMemorySize(4 << 20)).build();
        admin = http.mutate().defaultHeaders(h -> h.setBasicAuth("admin", ADMIN_PASSWORD)).build();
    }

    /** A Smack client whose caps carry this identity and which answers version queries with {@code os} (none if null). */
    private static XMPPTCPConnection device(XmppClients clients, String user, String resource, String identityType,
                                            String software, String os) throws Exception {
        XMPPTCPConnection c = clients.unconnected(clients.configuration(user, PASSWORD, resource).build());
        if (identityType != null) {
            ServiceDiscoveryManager.getInstanceFor(c).setIdentity(new DiscoverInfo.Identity("client", software,
                    identityType));
        }
        if (os == null) {
            VersionManager.getInstanceFor(c).unsetVersion();
        } else {
            VersionManager.getInstanceFor(c).setVersion(software, "1.0", os);
        }
        c.connect().login();
        return c;
    }

    @Test
    void reportShowsUsersByDeviceCountAndEachDeviceAsConnected() throws Exception {
        String solo = createUser("solo");
        String duo = createUser("duo");
        String trio = createUser("trio");
        String quint = createUser("quint");
        Map<String, Map<String, Expected>> expected = new LinkedHashMap<>();
        try (XmppClients clients = clients()) {
            device(clients, solo, "phone", "phone", "Conversations", "Android 14");
            expect(expected, solo, "phone", "Phone (Android)", "internal", "connected");

            device(clients, duo, "laptop", "pc", "Gajim", "Windows 11");
            expect(expected, duo, "laptop", "Desktop (Windows)", "internal", "connected");
            device(clients, duo, "ipad", "tablet", "Monal", "iPadOS 17.4");
            expect(expected, duo, "ipad", "Tablet (iPad)", "internal", "connected");

            device(clients, trio, "browser", "web", "Converse", null);
            expect(expected, trio, "browser", "Web", "internal", "connected");
            device(clients, trio, "iphone", "phone", "Monal", "iOS 17.4");
            expect(expected, trio, "iphone", "Phone (iPhone)", "internal", "connected");
            device(clients, trio, "galaxy-tab", "tablet", "Conversations", "Android 14");
            expect(expected, trio, "galaxy-tab", "Tablet (Android tablet)", "internal", "connected");

            device(clients, quint, "mac", "pc", "Beagle IM", "Mac OS X 14.2");
            expect(expected, quint, "mac", "Desktop (macOS)", "internal", "connected");
            device(clients, quint, "terminal", "console", "Profanity", "Debian GNU/Linux 12");
            expect(expected, quint, "terminal", "Desktop (Linux)", "internal", "connected");
            device(clients, quint, "bot", "bot", "Reporter", null);
            expect(expected, quint, "bot", "Bot", "internal", "connected");
            // Smack's own identity (client/pc) on an Android app is still a phone
            device(clients, quint, "app", null, "MyApp", "Android 12");
            expect(expected, quint, "app", "Phone (Android)", "internal", "connected");
            try (RawXmppClient raw = RawXmppClient.authenticated(c2s.port(), InetAddress.getByName("127.0.0.2"),
                    serverCertificate(), DOMAIN, quint, PASSWORD)) {
                raw.bindAndGoOnline(HOSTILE);
                raw.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
                raw.awaitMatch("(<enabled [^>]*/>)");
                raw.drop();
            }
            expect(expected, quint, HOSTILE, "Unknown", "offsite", "hibernating");

            JsonNode drillDown = awaitDrillDown(expected);
            assertDrillDown(drillDown, expected);
            assertSummary();
            assertUsersCsv(drillDown, expected);
        }
    }

    private static void expect(Map<String, Map<String, Expected>> expected, String user, String resource,
                               String device, String location, String state) {
        expected.computeIfAbsent(user, u -> new LinkedHashMap<>()).put(resource, new Expected(device, location, state));
    }

    /** Polls the drill-down until caps and versions have been resolved and it shows what is expected. */
    private JsonNode awaitDrillDown(Map<String, Map<String, Expected>> expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonNode json = null;
        while (Instant.now().isBefore(deadline)) {
            json = drillDownJson();
            if (shown(json).equals(expected)) {
                return json;
            }
            Thread.sleep(100);
        }
        assertThat(shown(json)).as("the drill-down within %s", PATIENCE).isEqualTo(expected);
        return json;
    }

    private JsonNode drillDownJson() {
        byte[] body = admin.get().uri("/api/v1/reports/user-sessions/nodes/{node}/users", NODE).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    /** Each user's sessions as the report shows them, by resource. */
    private static Map<String, Map<String, Expected>> shown(JsonNode report) {
        Map<String, Map<String, Expected>> shown = new LinkedHashMap<>();
        for (JsonNode user : report.get("users")) {
            Map<String, Expected> devices = new LinkedHashMap<>();
            for (JsonNode d : user.get("devices")) {
                String device = d.get("deviceType").asString()
                        + (d.get("platform").isNull() ? "" : " (" + d.get("platform").asString() + ")");
                devices.put(d.get("resource").asString(), new Expected(device, d.get("location").asString(),
                        d.get("state").asString()));
            }
            shown.put(user.get("username").asString(), devices);
        }
        return shown;
    }

    private void assertDrillDown(JsonNode report, Map<String, Map<String, Expected>> expected) {
        assertThat(report.get("node").asString()).isEqualTo(NODE);
        assertThat(report.get("redundancyGroup").asString()).isEqualTo("rg-east");
        List<String> usernames = new ArrayList<>(expected.keySet());
        usernames.sort(null);
        List<String> rows = new ArrayList<>();
        report.get("users").forEach(u -> rows.add(u.get("username").asString()));
        assertThat(rows).as("one row per user, by username").containsExactlyElementsOf(usernames);
        for (JsonNode user : report.get("users")) {
            String username = user.get("username").asString();
            assertThat(user.get("sessions").asInt()).isEqualTo(expected.get(username).size());
            Instant previous = Instant.MIN;
            for (JsonNode d : user.get("devices")) {
                Instant login = Instant.parse(d.get("loginTime").asString());
                ClientSession session = sessions.session(Jid.of(username, DOMAIN, d.get("resource").asString()))
                        .orElseThrow();
                assertThat(login).as("login time of %s", session).isEqualTo(session.since());
                assertThat(login).as("oldest login first").isAfterOrEqualTo(previous);
                previous = login;
            }
        }
    }

    private void assertSummary() {
        JsonNode summary = JSON.readTree(admin.get().uri("/api/v1/reports/user-sessions").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody());
        JsonNode subCluster = summary.get("subClusters").get(0);
        JsonNode node = subCluster.get("nodes").get(0);
        assertThat(summary.get("subClusters")).hasSize(1);
        assertThat(subCluster.get("nodes")).hasSize(1);
        assertThat(subCluster.get("redundancyGroup").asString()).isEqualTo("rg-east");
        assertThat(node.get("redundancyGroup").asString()).isEqualTo("rg-east");
        assertThat(node.get("node").asString()).isEqualTo(NODE);
        for (JsonNode level : List.of(summary, subCluster, node)) {
            assertThat(counts(level)).as("counts at %s", level).isEqualTo(List.of(1L, 1L, 1L, 1L, 4L, 11L));
            assertThat(level.get("generatedAt").asString()).isEqualTo(summary.get("generatedAt").asString());
        }
        Instant generated = Instant.parse(summary.get("generatedAt").asString());
        assertThat(generated).isBefore(Instant.now().plusSeconds(1)).isAfter(Instant.now().minusSeconds(60));

        // the same report as CSV, by parameter and by Accept header
        for (WebTestClient.RequestHeadersSpec<?> request : List.of(
                admin.get().uri("/api/v1/reports/user-sessions?format=csv"),
                admin.get().uri("/api/v1/reports/user-sessions").accept(MediaType.parseMediaType("text/csv")))) {
            var result = request.exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                    .expectHeader().valueMatches(HttpHeaders.CONTENT_DISPOSITION,
                            "attachment; filename=\"user-sessions-\\d{8}T\\d{6}Z\\.csv\"")
                    .expectBody(String.class).returnResult();
            List<List<String>> rows = StrictCsv.parse(result.getResponseBody());
            assertThat(rows).hasSize(4);
            assertThat(rows.get(0)).isEqualTo(UserSessionCsv.SUMMARY_HEADER);
            assertThat(rows.get(1).subList(0, 9)).containsExactly("cluster", "", "", "1", "1", "1", "1", "4", "11");
            assertThat(rows.get(2).subList(0, 9)).containsExactly("subcluster", "rg-east", "", "1", "1", "1", "1", "4", "11");
            assertThat(rows.get(3).subList(0, 9)).containsExactly("node", "rg-east", NODE, "1", "1", "1", "1", "4", "11");
        }
    }

    private static List<Long> counts(JsonNode level) {
        return List.of(level.get("usersWith1Device").asLong(), level.get("usersWith2Devices").asLong(),
                level.get("usersWith3Devices").asLong(), level.get("usersWith4OrMoreDevices").asLong(),
                level.get("usersWith1OrMoreDevices").asLong(), level.get("sessions").asLong());
    }

    /** The drill-down as CSV has the JSON's rows, field for field, with the hostile resource neutralized. */
    private void assertUsersCsv(JsonNode json, Map<String, Map<String, Expected>> expected) {
        String csv = admin.get().uri("/api/v1/reports/user-sessions/nodes/{node}/users?format=csv", NODE).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectHeader().valueMatches(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"user-sessions-report-node-a-\\d{8}T\\d{6}Z\\.csv\"")
                .expectBody(String.class).returnResult().getResponseBody();
        List<List<String>> rows = StrictCsv.parse(csv);
        assertThat(rows.get(0)).isEqualTo(UserSessionCsv.USERS_HEADER);
        List<List<String>> fromJson = new ArrayList<>();
        for (JsonNode user : json.get("users")) {
            List<JsonNode> devices = new ArrayList<>();
            user.get("devices").forEach(devices::add);
            fromJson.add(List.of(user.get("username").asString(), user.get("sessions").asString(),
                    lines(devices, d -> neutralized(d.get("resource").asString())),
                    lines(devices, d -> d.get("deviceType").asString()
                            + (d.get("platform").isNull() ? "" : " (" + d.get("platform").asString() + ")")),
                    lines(devices, d -> d.get("location").asString()),
                    lines(devices, d -> d.get("loginTime").asString()),
                    lines(devices, d -> d.get("state").asString())));
        }
        assertThat(rows.subList(1, rows.size()).stream().map(r -> r.subList(0, 7)).toList())
                .containsExactlyElementsOf(fromJson);
        for (List<String> row : rows.subList(1, rows.size())) {
            assertThat(row.subList(7, 9)).containsExactly("rg-east", NODE);
        }
        assertThat(rows).hasSize(expected.size() + 1);
        assertThat(csv).contains("'" + HOSTILE).doesNotContain("\n" + HOSTILE).doesNotContain("," + HOSTILE)
                .doesNotContain("\"" + HOSTILE);
        // and by Accept header, the same rows (the generation time aside)
        String byAccept = admin.get().uri("/api/v1/reports/user-sessions/nodes/{node}/users", NODE)
                .accept(MediaType.parseMediaType("text/csv")).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(StrictCsv.parse(byAccept).stream().map(r -> r.subList(0, 9)).toList())
                .isEqualTo(rows.stream().map(r -> r.subList(0, 9)).toList());
    }

    private static String lines(List<JsonNode> devices, Function<JsonNode, String> value) {
        return String.join("\n", devices.stream().map(value).toList());
    }

    private static String neutralized(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    @Test
    void unknownNodeAndBadFormatAreProblems() {
        detailedProblem(admin.get().uri("/api/v1/reports/user-sessions/nodes/{node}/users", "no-such-node").exchange(), 404);
        detailedProblem(admin.get().uri("/api/v1/reports/user-sessions/nodes/{node}/users", "no-such-node")
                .accept(MediaType.parseMediaType("text/csv")).exchange(), 404);
        detailedProblem(admin.get().uri("/api/v1/reports/user-sessions?format=xml").exchange(), 400);
        detailedProblem(admin.get().uri("/api/v1/reports/user-sessions/nodes/{node}/users?format=pdf", NODE).exchange(), 400);
    }

    @Test
    void onlyAdminsMayReadTheReport() {
        String user = createUser("nosy");
        for (String path : List.of("/api/v1/reports/user-sessions", "/api/v1/reports/user-sessions?format=csv",
                "/api/v1/reports/user-sessions/nodes/" + NODE + "/users")) {
            detailedProblem(http.get().uri(path).exchange(), 401)
                    .expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tandem\".*");
            detailedProblem(http.get().uri(path).headers(h -> h.setBasicAuth("admin", "wrong-password")).exchange(), 401);
            detailedProblem(http.get().uri(path).headers(h -> h.setBasicAuth(user, PASSWORD)).exchange(), 403);
        }
    }

}
