package im.tandem.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Holds N idle authenticated sessions (for each N of a list) and reads the server's memory:
 * resident set and, for a JVM, live heap after a full collection, each against the idle server
 * before the first session, divided by N.
 */
final class IdleSessions {

    private IdleSessions() {
    }

    static Result run(Target target, Args args) {
        String prefix = args.get("prefix", "load");
        String counts = args.get("sessions", "1000,10000");
        int devices = args.integer("devices", 5);
        int concurrency = args.integer("concurrency", 100);
        Duration hold = args.duration("hold", "10s");
        long pid = Long.parseLong(args.get("pid", "0"));
        args.checkAllUsed();
        ServerProbe probe = new ServerProbe(pid, target);
        long baseRss = probe.rssKib();
        long baseHeap = probe.liveHeapKib();
        Result result = new Result("idle-sessions", args.effective())
                .put("baseline_rss_kib", baseRss)
                .put("baseline_live_heap_kib", baseHeap);
        for (String c : counts.split(",")) {
            int n = Integer.parseInt(c.trim());
            Fleet fleet = Fleet.login(target, prefix, n, devices, concurrency, false);
            Fleet.pause(hold);
            long rss = probe.rssKib();
            long heap = probe.liveHeapKib();
            int held = fleet.sessions.size();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sessions", held);
            row.put("failures", fleet.failures);
            row.put("rss_kib", rss);
            row.put("rss_per_session_kib", held == 0 || rss < 0 ? "n/a" : round((rss - baseRss) / (double) held));
            row.put("live_heap_kib", heap);
            row.put("heap_per_session_kib", held == 0 || heap < 0 ? "n/a" : round((heap - baseHeap) / (double) held));
            row.put("login_per_s", Math.round(held / fleet.seconds));
            result.step(row);
            fleet.close();
            Fleet.pause(Duration.ofSeconds(5));
        }
        return result;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
