package im.tandem.admin.report;

import im.tandem.c2s.sm.ManagedStream;
import im.tandem.c2s.sm.StreamManagement;
import im.tandem.feature.caps.ClientCapabilities;
import im.tandem.feature.caps.ClientCapsTracker;
import im.tandem.feature.version.ClientSoftware;
import im.tandem.feature.version.ClientSoftwareTracker;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the user session report from the sessions of each node, in one pass over them: a hash
 * map from user to session count (or to sessions, for the drill-down), then the buckets. Linear
 * in the number of sessions, plus sorting the users for the drill-down; see
 * {@code UserSessionReportBenchmark} and load-tests/JMH.md for what 100,000 sessions take.
 */
public final class UserSessionReportBuilder {

    /** Oldest login first; sessions bound in the same instant by resource, so the order is stable. */
    private static final Comparator<ClientSession> LOGIN_ORDER = Comparator.comparing(ClientSession::since)
            .thenComparing(s -> s.jid().resource());

    private UserSessionReportBuilder() {
    }

    /** How many users of these sessions have 1, 2, 3 and 4+ sessions, and how many sessions there are. */
    public static DeviceCounts countDevices(Collection<ClientSession> sessions) {
        Map<Jid, int[]> perUser = new HashMap<>(capacityFor(sessions.size()));
        for (ClientSession session : sessions) {
            perUser.computeIfAbsent(session.bareJid(), k -> new int[1])[0]++;
        }
        long one = 0;
        long two = 0;
        long three = 0;
        long more = 0;
        long total = 0;
        for (int[] n : perUser.values()) {
            switch (n[0]) {
                case 1 -> one++;
                case 2 -> two++;
                case 3 -> three++;
                default -> more++;
            }
            total += n[0];
        }
        return new DeviceCounts(one, two, three, more, one + two + three + more, total);
    }

    /**
     * The report from each node's line: sub-clusters in the order their first node comes, each
     * with the sum of its nodes, and the cluster with the sum of all.
     */
    public static UserSessionReport summarize(Instant generatedAt, List<NodeSummary> nodes) {
        Map<String, List<NodeSummary>> groups = new LinkedHashMap<>();
        for (NodeSummary node : nodes) {
            groups.computeIfAbsent(node.redundancyGroup(), g -> new ArrayList<>()).add(node);
        }
        List<SubClusterSummary> subClusters = new ArrayList<>(groups.size());
        DeviceCounts cluster = DeviceCounts.NONE;
        for (Map.Entry<String, List<NodeSummary>> group : groups.entrySet()) {
            DeviceCounts sum = DeviceCounts.NONE;
            for (NodeSummary node : group.getValue()) {
                sum = sum.plus(node.counts());
            }
            subClusters.add(new SubClusterSummary(group.getKey(), sum, generatedAt, List.copyOf(group.getValue())));
            cluster = cluster.plus(sum);
        }
        return new UserSessionReport(cluster, generatedAt, List.copyOf(subClusters));
    }

    /**
     * One row per user of these sessions, by username (then domain), each with its sessions oldest
     * login first: resource, device type, location ({@code location} gives its tag), login time and
     * stream state.
     */
    public static List<UserSessions> users(Collection<ClientSession> sessions, Function<ClientSession, String> location) {
        Map<Jid, List<ClientSession>> perUser = new HashMap<>(capacityFor(sessions.size()));
        for (ClientSession session : sessions) {
            perUser.computeIfAbsent(session.bareJid(), k -> new ArrayList<>(2)).add(session);
        }
        List<Map.Entry<Jid, List<ClientSession>>> entries = new ArrayList<>(perUser.entrySet());
        entries.sort(Comparator.comparing((Map.Entry<Jid, List<ClientSession>> e) -> nullToEmpty(e.getKey().local()))
                .thenComparing(e -> e.getKey().domain()));
        List<UserSessions> rows = new ArrayList<>(entries.size());
        DeviceMemo devicesSeen = new DeviceMemo();
        for (Map.Entry<Jid, List<ClientSession>> entry : entries) {
            List<ClientSession> own = entry.getValue();
            own.sort(LOGIN_ORDER);
            List<DeviceSession> devices = new ArrayList<>(own.size());
            for (ClientSession s : own) {
                DeviceClass device = devicesSeen.classify(s);
                devices.add(new DeviceSession(s.jid().resource(), device.type().label(), device.platform(),
                        location.apply(s), s.since(), streamState(s)));
            }
            rows.add(new UserSessions(nullToEmpty(entry.getKey().local()), devices.size(), List.copyOf(devices)));
        }
        return rows;
    }

    /**
     * {@code phantom} for a push-enabled session whose connection is gone (XEP-0357), {@code
     * hibernating} for another one waiting for a XEP-0198 resumption, else {@code connected}.
     */
    static String streamState(ClientSession session) {
        if (im.tandem.session.SessionKinds.isPhantom(session)) {
            return "phantom";
        }
        ManagedStream managed = StreamManagement.of(session);
        return managed != null && managed.isHibernating() ? "hibernating" : "connected";
    }

    /**
     * Classifies each distinct pair of caps and software version once per report: thousands of
     * sessions run the same few clients, and the verified caps of one client are one shared
     * object. {@link DeviceClassifier#classify} depends on nothing else, so this changes no result.
     */
    private static final class DeviceMemo {
        private final Map<ClientCapabilities, Map<ClientSoftware, DeviceClass>> byCaps = new IdentityHashMap<>();

        DeviceClass classify(ClientSession session) {
            ClientCapabilities caps = session.get(ClientCapsTracker.CAPABILITIES);
            ClientSoftware software = session.get(ClientSoftwareTracker.SOFTWARE);
            return byCaps.computeIfAbsent(caps, c -> new HashMap<>())
                    .computeIfAbsent(software, v -> DeviceClassifier.classify(caps, software));
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static int capacityFor(int entries) {
        return (int) Math.min(1 << 30, entries * 4L / 3 + 1);
    }
}
