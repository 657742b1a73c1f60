package im.tandem.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Many sessions logged in together: session {@code i} is account {@code prefix + (i / devices)}
 * with resource {@code d + (i % devices)}, so a user's devices sit next to each other.
 */
final class Fleet {

    final List<XmppSession> sessions;
    final int failures;
    final double seconds;
    final Histogram loginLatency;

    private Fleet(List<XmppSession> sessions, int failures, double seconds, Histogram loginLatency) {
        this.sessions = sessions;
        this.failures = failures;
        this.seconds = seconds;
        this.loginLatency = loginLatency;
    }

    static Fleet login(Target target, String prefix, int count, int devices, int concurrency, boolean carbons) {
        List<XmppSession> ok = Collections.synchronizedList(new ArrayList<>(count));
        AtomicInteger failures = new AtomicInteger();
        Histogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
        long start = System.nanoTime();
        Flux.range(0, count)
                .flatMap(i -> {
                    XmppSession s = new XmppSession(target, prefix + (i / devices), "d" + (i % devices), i);
                    long t0 = System.nanoTime();
                    return s.login(carbons, 0)
                            .doOnNext(x -> {
                                latency.recordValue((System.nanoTime() - t0) / 1000);
                                ok.add(x);
                            })
                            .onErrorResume(e -> {
                                if (failures.incrementAndGet() <= 5) {
                                    System.err.println("login of " + s.fullJid() + " failed: " + e);
                                }
                                return Mono.empty();
                            });
                }, concurrency)
                .blockLast(Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - start) / 1e9;
        List<XmppSession> ordered = new ArrayList<>(ok);
        ordered.sort((a, b) -> Integer.compare(a.index, b.index));
        return new Fleet(ordered, failures.get(), seconds, latency);
    }

    void close() {
        sessions.forEach(XmppSession::close);
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
