package im.tandem.feature.upload;

import im.tandem.store.UploadStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every {@code tandem.upload.sweep-interval}, removes what has expired by the server's clock:
 * stored files older than {@code expire-after}, slots never used within their lifetime and
 * uploads abandoned half way. File first, then row, so a crash in between leaves a row the next
 * sweep finishes, never an orphan file nobody knows of.
 */
@Component
public class UploadExpiry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UploadExpiry.class);
    private static final int BATCH = 500;

    private final UploadProperties properties;
    private final UploadStore store;
    private final FileStore files;
    private final UploadMetrics metrics;
    private final Clock clock;
    private volatile Disposable schedule;

    public UploadExpiry(UploadProperties properties, UploadStore store, FileStore files, UploadMetrics metrics, Clock clock) {
        this.properties = properties;
        this.store = store;
        this.files = files;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** One sweep: the number of files and slots removed. */
    public Mono<Long> sweep() {
        return store.expired(clock.instant(), BATCH)
                .concatMap(id -> files.delete(id).then(store.delete(id)).doOnSuccess(v -> metrics.expired()).thenReturn(id))
                .count();
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        schedule = Flux.interval(properties.sweepInterval(), properties.sweepInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sweep().onErrorResume(e -> {
                    log.warn("upload expiry sweep failed", e);
                    return Mono.just(0L);
                }), 1)
                .subscribe(n -> {
                    if (n > 0) {
                        log.debug("upload expiry sweep removed {} file(s) and slot(s)", n);
                    }
                });
    }

    @Override
    public void stop() {
        Disposable s = schedule;
        if (s != null) {
            s.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable s = schedule;
        return s != null && !s.isDisposed();
    }
}
