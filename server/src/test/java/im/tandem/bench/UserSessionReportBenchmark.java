package im.tandem.bench;

import im.tandem.admin.report.DeviceCounts;
import im.tandem.admin.report.NodeUsersReport;
import im.tandem.admin.report.UserSessionCsv;
import im.tandem.admin.report.UserSessionReport;
import im.tandem.admin.report.UserSessionReports;
import im.tandem.config.NodeProperties;
import im.tandem.feature.DiscoIdentity;
import im.tandem.feature.caps.ClientCapabilities;
import im.tandem.feature.caps.ClientCapsTracker;
import im.tandem.feature.version.ClientSoftware;
import im.tandem.feature.version.ClientSoftwareTracker;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionLocations;
import im.tandem.session.SessionProperties;
import im.tandem.session.SessionRegistry;
import im.tandem.session.StreamOutput;
import im.tandem.stanza.Jid;
import im.tandem.stanza.StreamError;
import im.tandem.xml.Element;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user session report over {@link #SESSIONS} client sessions on one node (SPEC section 4:
 * under a second, where the seed takes minutes). The sessions are real {@link ClientSession}s
 * registered in a {@link SessionRegistry}: 33,334 users, 6,667 each with 1, 2, 3 and 4 devices and
 * 6,666 with 5 (users take 1 to 5 devices in turn). Each session has resolved caps (six distinct
 * client identities, shared as the caps cache shares them) and a software version; a tenth of
 * them come from an off-site network.
 *
 * <p>{@code summaryJson}: {@link UserSessionReports#summary()} and its JSON as the REST API writes
 * it (Jackson, defaults). {@code nodeUsersCsv}: {@link UserSessionReports#nodeUsers} of the node
 * (one row per user, device types classified on the way) and its CSV. {@code nodeUsersJson}: the
 * same rows as JSON.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class UserSessionReportBenchmark {

    /** Sessions on the node. */
    static final int SESSIONS = 100_000;
    private static final String NODE = "node-1";

    private final JsonMapper json = JsonMapper.builder().build();
    private UserSessionReports reports;
    private DeviceCounts expected;


    /** Users get 1, 2, 3, 4 and 5 devices in turn until there are {@link #SESSIONS} sessions. */
    @Setup(Level.Trial)
    public void setUp() {
        SessionRegistry registry = new SessionRegistry();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SessionLocations locations = new SessionLocations(registry, SessionProperties.offsite(List.of("192.0.2.0/24")),
                meters);
        reports = new UserSessionReports(registry, locations, new NodeProperties(NODE, "subcluster-1"),
                Clock.systemUTC());

        List<ClientCapabilities> caps = List.of(
                caps("http://conversations.im", "phone"), caps("https://monal-im.org", "phone"),
                caps("https://monal-im.org", "tablet"), caps("https://gajim.org", "pc"),
                caps("https://conversejs.org", "web"), caps("https://igniterealtime.org/projects/smack", "pc"));
        List<ClientSoftware> software = List.of(new ClientSoftware("Conversations", "2.13", "Android 14"),
                new ClientSoftware("Monal", "6.2", "iOS 17.4"), new ClientSoftware("Monal", "6.2", "iPadOS 17.4"),
                new ClientSoftware("Gajim", "1.8", "Windows 11"), new ClientSoftware("Converse", "10", null),
                new ClientSoftware("MyApp", "1.0", "Linux"));
        SplittableRandom random = new SplittableRandom(42);
        Instant start = Instant.parse("2026-12-03T08:00:00Z");
        String[] resources = {"phone", "laptop", "tablet", "web", "=cmd|' /C calc'!A0"};
        int made = 0;
        int user = 0;
        int[] bySize = new int[6];
        while (made < SESSIONS) {
            int devices = Math.min(1 + user % 5, SESSIONS - made);
            bySize[devices]++;
            for (int d = 0; d < devices; d++) {
                int kind = random.nextInt(caps.size());
                String address = random.nextInt(10) == 0 ? "192.0.2." + (1 + random.nextInt(250)) : "10.1.2.3";
                ClientSession s = new ClientSession("stream-" + made, Jid.of("user" + user, "example.com",
                        resources[d] + "-" + kind), im.tandem.support.OpenOutput.INSTANCE, new InetSocketAddress(address, 40_000 + d), true,
                        start.plusMillis(made));
                s.put(ClientCapsTracker.CAPABILITIES, caps.get(kind));
                s.put(ClientSoftwareTracker.SOFTWARE, software.get(kind));
                registry.register(s);
                made++;
            }
            user++;
        }
        expected = new DeviceCounts(bySize[1], bySize[2], bySize[3], bySize[4] + bySize[5], user, SESSIONS);
        check(reports.summary().counts());
        NodeUsersReport rows = reports.nodeUsers(NODE).orElseThrow();
        if (rows.users().size() != user) {
            throw new IllegalStateException("drill-down has " + rows.users().size() + " rows for " + user + " users");
        }
        System.out.printf("%n%d sessions, %d users (by devices 1-5: %d %d %d %d %d); summary JSON %d B, drill-down CSV %d chars, JSON %d B%n",
                registry.sessionCount(), user, bySize[1], bySize[2], bySize[3], bySize[4], bySize[5], json.writeValueAsBytes(reports.summary()).length,
                UserSessionCsv.users(rows).length(), json.writeValueAsBytes(rows).length);
    }

    private static ClientCapabilities caps(String node, String type) {
        return new ClientCapabilities(node, List.of(new DiscoIdentity("client", type, "App")),
                Set.of("jabber:iq:version", "urn:xmpp:ping", "http://jabber.org/protocol/caps"));
    }

    private void check(DeviceCounts counts) {
        if (!counts.equals(expected)) {
            throw new IllegalStateException("report counts " + counts + ", expected " + expected);
        }
    }

    @Benchmark
    public void summaryJson(Blackhole bh) {
        UserSessionReport report = reports.summary();
        bh.consume(json.writeValueAsBytes(report));
    }

    @Benchmark
    public void nodeUsersCsv(Blackhole bh) {
        bh.consume(UserSessionCsv.users(reports.nodeUsers(NODE).orElseThrow()));
    }

    @Benchmark
    public void nodeUsersJson(Blackhole bh) {
        bh.consume(json.writeValueAsBytes(reports.nodeUsers(NODE).orElseThrow()));
    }
}
