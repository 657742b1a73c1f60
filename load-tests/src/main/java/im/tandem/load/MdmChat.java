package im.tandem.load;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * U users with D devices each (carbons on by default) chat in a ring: user i's first device
 * writes to user i+1's bare JID, at a fixed rate per step of a list of rates. Each message
 * carries its send time and a sequence number, so every delivery (direct or carbon copy) gives
 * an end-to-end latency and is checked off: after each step's drain, what did not arrive (or
 * arrived twice) is counted. With carbons a message is 2D-1 deliveries: D on the recipient's
 * devices (one direct, D-1 copies) and D-1 {@code <sent/>} copies on the sender's.
 *
 * <p>Options turn it into the other MDM scenarios: {@code --quiet-share} makes that share of
 * devices (never a sender) toggle CSI inactive/active every {@code --quiet-toggle}, their
 * latencies kept apart; {@code --router-restart-every} restarts Tandem's router over REST while
 * the messages flow.
 */
final class MdmChat {

    private MdmChat() {
    }

    static Result run(Target target, Args args, String scenario) {
        String prefix = args.get("prefix", "load");
        int users = args.integer("users", 100);
        int devices = args.integer("devices", 3);
        boolean carbons = args.flag("carbons", true);
        String rates = args.get("rates", "500,1000,2000");
        Duration step = args.duration("step", "15s");
        Duration drain = args.duration("drain", "5s");
        double quietShare = args.decimal("quiet-share", 0);
        Duration quietToggle = args.duration("quiet-toggle", "5s");
        Duration restartEvery = args.duration("router-restart-every", "0s");
        int concurrency = args.integer("concurrency", 100);
        Duration warmup = args.duration("warmup", "10s");
        long pid = Long.parseLong(args.get("pid", "0"));
        args.checkAllUsed();
        if (users < 2) {
            throw new IllegalArgumentException("--users must be at least 2");
        }

        Fleet fleet = Fleet.login(target, prefix, users * devices, devices, concurrency, carbons);
        if (fleet.sessions.size() != users * devices) {
            fleet.close();
            throw new IllegalStateException(fleet.failures + " of " + users * devices + " sessions failed to log in");
        }
        XmppSession[][] byUser = new XmppSession[users][devices];
        for (XmppSession s : fleet.sessions) {
            byUser[s.index / devices][s.index % devices] = s;
        }
        Set<XmppSession> quiet = new HashSet<>();
        int quietCount = (int) Math.round(quietShare * users * (devices - 1));
        for (int i = 0; i < quietCount; i++) {
            quiet.add(byUser[i % users][1 + (i / users) % (devices - 1)]);
        }

        long totalMessages = 0;
        String[] rateList = rates.split(",");
        for (String r : rateList) {
            totalMessages += (long) Integer.parseInt(r.trim()) * step.toSeconds() + 1000;
        }
        totalMessages += (long) Integer.parseInt(rateList[0].trim()) * warmup.toSeconds() + 1000;
        AtomicIntegerArray perMessage = new AtomicIntegerArray((int) totalMessages);
        AtomicLong delivered = new AtomicLong();
        AtomicLong copies = new AtomicLong();
        Histogram[] latency = {new ConcurrentHistogram(3_600_000_000L, 3), new ConcurrentHistogram(3_600_000_000L, 3)};
        XmppSession.Deliveries listener = (at, body, carbon, now) -> {
            if (body.length() < 3 || body.charAt(0) != 'L') {
                return;
            }
            int colon = body.indexOf(':');
            long sentAt = Long.parseLong(body, 1, colon, 10);
            int seq = Integer.parseInt(body, colon + 1, body.length(), 10);
            if (seq < perMessage.length()) {
                perMessage.incrementAndGet(seq);
            }
            delivered.incrementAndGet();
            if (carbon) {
                copies.incrementAndGet();
            }
            latency[quiet.contains(at) ? 1 : 0].recordValue(Math.max(0, (now - sentAt) / 1000));
        };
        fleet.sessions.forEach(s -> s.stream(listener));
        Fleet.pause(Duration.ofSeconds(1));

        AtomicBoolean churn = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong toggles = new AtomicLong();
        Thread churner = new Thread(() -> {
            boolean inactive = false;
            while (!stop.get()) {
                Fleet.pause(quietToggle);
                if (churn.get()) {
                    inactive = !inactive;
                } else if (inactive) {
                    inactive = false;
                } else {
                    continue;
                }
                String nonza = inactive ? "<inactive xmlns='urn:xmpp:csi:0'/>" : "<active xmlns='urn:xmpp:csi:0'/>";
                quiet.forEach(s -> s.send(nonza));
                toggles.incrementAndGet();
            }
        }, "quiet-churn");
        if (!quiet.isEmpty()) {
            churner.setDaemon(true);
            churner.start();
        }
        AtomicLong restarts = new AtomicLong();
        AtomicLong restartFailures = new AtomicLong();
        AtomicBoolean restarting = new AtomicBoolean();
        ServerProbe probe = new ServerProbe(pid, target);
        Thread restarter = new Thread(() -> {
            while (!stop.get()) {
                Fleet.pause(restartEvery);
                if (restarting.get() && !stop.get()) {
                    int code = probe.adminPost("/api/v1/router/restart", "{}");
                    (code / 100 == 2 ? restarts : restartFailures).incrementAndGet();
                }
            }
        }, "router-restart");
        if (!restartEvery.isZero()) {
            restarter.setDaemon(true);
            restarter.start();
        }
        double flushesBefore = probe.metric("tandem_mdm_buffer_flushes_total");
        double heldBefore = probe.metric("tandem_mdm_buffer_queued_seconds_count");

        Result result = new Result(scenario, args.effective())
                .put("sessions", fleet.sessions.size())
                .put("login_seconds", Math.round(fleet.seconds * 10) / 10.0)
                .put("quiet_devices", quiet.size())
                .put("deliveries_per_message", carbons ? 2 * devices - 1 : devices);
        int expected = carbons ? 2 * devices - 1 : devices;
        int seq = 0;
        List<String> plan = new java.util.ArrayList<>();
        if (!warmup.isZero()) {
            plan.add("warmup");
        }
        plan.addAll(List.of(rateList));
        for (String r : plan) {
            boolean warming = r.equals("warmup");
            int rate = Integer.parseInt((warming ? rateList[0] : r).trim());
            long stepNanos = (warming ? warmup : step).toNanos();
            double serverCpu0 = probe.cpuSeconds();
            double ownCpu0 = ServerProbe.ownCpuSeconds();
            latency[0].reset();
            latency[1].reset();
            long deliveredBefore = delivered.get();
            int firstSeq = seq;
            churn.set(!quiet.isEmpty());
            restarting.set(true);
            long start = System.nanoTime();
            long end = start + stepNanos;
            long interval = 1_000_000_000L / rate;
            for (long i = 0; ; i++) {
                long due = start + i * interval;
                if (due >= end || seq >= perMessage.length()) {
                    break;
                }
                long wait = due - System.nanoTime();
                if (wait > 50_000) {
                    LockSupport.parkNanos(wait - 20_000);
                }
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                XmppSession from = byUser[seq % users][0];
                String to = byUser[(seq + 1) % users][0].bareJid();
                from.send("<message type='chat' to='" + to + "'><body>L" + System.nanoTime() + ":" + seq
                        + "</body></message>");
                seq++;
            }
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            long inWindow = delivered.get() - deliveredBefore;
            double serverCpu = probe.cpuSeconds() - serverCpu0;
            double ownCpu = ServerProbe.ownCpuSeconds() - ownCpu0;
            restarting.set(false);
            churn.set(false);
            Fleet.pause(drain.plus(quiet.isEmpty() ? Duration.ZERO : quietToggle.multipliedBy(2)));
            long lost = 0;
            long duplicates = 0;
            for (int s = firstSeq; s < seq; s++) {
                int got = perMessage.get(s);
                lost += Math.max(0, expected - got);
                duplicates += Math.max(0, got - expected);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("offered_msgs_per_s", rate);
            row.put("sent", seq - firstSeq);
            row.put("sent_per_s", Math.round((seq - firstSeq) / sendSeconds));
            row.put("delivered", delivered.get() - deliveredBefore);
            row.put("delivered_per_s_in_window", Math.round(inWindow / sendSeconds));
            row.put("lost", lost);
            row.put("duplicates", duplicates);
            row.putAll(Result.latency("latency", latency[0]));
            row.put("server_cpu_pct", serverCpu0 < 0 ? "n/a" : Math.round(100 * serverCpu / sendSeconds));
            row.put("generator_cpu_pct", Math.round(100 * ownCpu / sendSeconds));
            if (!quiet.isEmpty()) {
                row.putAll(Result.latency("quiet_latency", latency[1]));
            }
            System.err.println(scenario + (warming ? " (warm-up, not kept)" : "") + ": " + row);
            if (!warming) {
                result.step(row);
            }
        }
        stop.set(true);
        result.put("carbon_copies_seen", copies.get());
        if (!quiet.isEmpty()) {
            result.put("csi_toggles", toggles.get());
            result.put("server_buffer_flushes", probe.metric("tandem_mdm_buffer_flushes_total") - flushesBefore);
            // every stanza written from a quiet-mode buffer is timed once (tandem_mdm_buffer_queued)
            result.put("server_stanzas_held", probe.metric("tandem_mdm_buffer_queued_seconds_count") - heldBefore);
        }
        if (!restartEvery.isZero()) {
            result.put("router_restarts", restarts.get());
            result.put("router_restart_failures", restartFailures.get());
        }
        fleet.close();
        Fleet.pause(Duration.ofSeconds(2));
        return result;
    }

    static List<String> scenarios() {
        return List.of("mdm-chat", "quiet-churn", "router-restart");
    }
}
