package im.tandem.feature.mam;

import im.tandem.store.ArchiveStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Group commit for archive writes: a write that arrives while another batch is being written
 * waits for the next batch, so under load many messages share one INSERT and one commit,
 * while a lone message is written at once (no timer, no added latency). Each caller's Mono
 * completes when its own row is stored, so "delivered" still means "archived". At most
 * {@link #MAX_BATCH} rows per statement; one batch at a time, in arrival order.
 */
final class ArchiveWriter {

    static final int MAX_BATCH = 200;

    private record Pending(ArchiveStore.NewRow row, Sinks.Empty<Void> done) {
    }

    private final ArchiveStore store;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    ArchiveWriter(ArchiveStore store) {
        this.store = store;
    }

    Mono<Void> write(ArchiveStore.NewRow row) {
        return Mono.defer(() -> {
            Sinks.Empty<Void> done = Sinks.empty();
            queue.add(new Pending(row, done));
            drain();
            return done.asMono();
        });
    }

    private void drain() {
        if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
            return;
        }
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            writing.set(false);
            drain();
            return;
        }
        store.appendAll(batch.stream().map(Pending::row).toList()).subscribe(null, e -> {
            batch.forEach(p -> p.done().tryEmitError(e));
            finished();
        }, () -> {
            batch.forEach(p -> p.done().tryEmitEmpty());
            finished();
        });
    }

    private void finished() {
        writing.set(false);
        drain();
    }
}
