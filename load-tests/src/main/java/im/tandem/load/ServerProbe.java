package im.tandem.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.netty.http.client.HttpClient;

/**
 * What the generator can read of the server: resident memory from /proc when it runs on this
 * machine (any server), live heap after a full GC through jcmd (a JVM server), and Tandem's
 * Prometheus metrics and admin API over HTTP.
 */
final class ServerProbe {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final long pid;
    private final Target target;

    ServerProbe(long pid, Target target) {
        this.pid = pid;
        this.target = target;
    }

    /** Resident set size in KiB, or -1 without a pid. */
    long rssKib() {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Heap in use right after a full collection, in KiB (jcmd GC.run, then GC.heap_info); -1 if not a JVM. */
    long liveHeapKib() {
        if (pid <= 0) {
            return -1;
        }
        try {
            run("jcmd", String.valueOf(pid), "GC.run");
            // one "used" per generation or region set (Serial: def new + tenured; G1: one heap line); not metaspace
            long used = 0;
            boolean found = false;
            for (String line : run("jcmd", String.valueOf(pid), "GC.heap_info").split("\n")) {
                String t = line.trim();
                if (t.startsWith("Metaspace") || t.startsWith("class space") || !(t.contains("generation")
                        || t.contains("heap"))) {
                    continue;
                }
                Matcher m = HEAP_USED.matcher(t);
                if (m.find()) {
                    used += Long.parseLong(m.group(1));
                    found = true;
                }
            }
            return found ? used : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** CPU time the server process has used, in seconds (user + system, from /proc); -1 without a pid. */
    double cpuSeconds() {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time this generator process has used, in seconds. */
    static double ownCpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : -1;
    }

    /** Sum of every sample of a Prometheus metric (all label sets), or NaN without HTTP access. */
    double metric(String name) {
        if (target.http() == null) {
            return Double.NaN;
        }
        String body = HttpClient.create().responseTimeout(Duration.ofSeconds(10))
                .get().uri(target.http() + "/actuator/prometheus")
                .responseContent().aggregate().asString().block(Duration.ofSeconds(15));
        double sum = 0;
        for (String line : body == null ? new String[0] : body.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** POST to Tandem's admin API; the status code. */
    int adminPost(String path, String json) {
        String auth = Base64.getEncoder().encodeToString(
                (target.adminUser() + ":" + target.adminPassword()).getBytes(StandardCharsets.UTF_8));
        return HttpClient.create().responseTimeout(Duration.ofSeconds(30))
                .headers(h -> h.set("Authorization", "Basic " + auth).set("Content-Type", "application/json"))
                .post().uri(target.http() + path)
                .send(reactor.netty.ByteBufFlux.fromString(reactor.core.publisher.Mono.just(json)))
                .response().map(r -> r.status().code()).block(Duration.ofSeconds(40));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
