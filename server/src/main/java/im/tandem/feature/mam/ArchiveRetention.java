package im.tandem.feature.mam;

import im.tandem.admin.MeterNames;
import im.tandem.store.ArchiveStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes archived messages older than {@code tandem.mam.retention} (by the server's
 * {@link Clock}) and the oldest beyond {@code tandem.mam.max-messages-per-archive}, every
 * {@code tandem.mam.purge-interval}, one purge at a time.
 */
@Component
@ConditionalOnProperty(name = "tandem.mam.enabled", havingValue = "true", matchIfMissing = true)
public class ArchiveRetention implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ArchiveRetention.class);

    private final ArchiveStore store;
    private final MamProperties properties;
    private final Clock clock;
    private final Counter purged;
    private final Disposable ticks;

    public ArchiveRetention(ArchiveStore store, MamProperties properties, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.purged = Counter.builder(MeterNames.MAM_PURGED)
                .description("Archived messages deleted by retention").register(meters);
        this.ticks = Flux.interval(properties.purgeInterval(), properties.purgeInterval())
                .onBackpressureDrop()
                .concatMap(tick -> purge().onErrorResume(e -> {
                    log.warn("archive purge failed", e);
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    /** Runs one purge now; returns how many messages went. */
    public Mono<Long> purge() {
        Mono<Long> expired = properties.retention().isZero() || properties.retention().isNegative()
                ? Mono.just(0L) : store.deleteBefore(cutoff());
        Mono<Long> trimmed = properties.maxMessagesPerArchive() > 0
                ? store.trimTo(properties.maxMessagesPerArchive()) : Mono.just(0L);
        return expired.flatMap(a -> trimmed.map(b -> a + b)).doOnNext(purged::increment);
    }

    /** Messages stored before this instant are expired. */
    Instant cutoff() {
        return clock.instant().minus(properties.retention());
    }

    @Override
    public void destroy() {
        ticks.dispose();
    }
}
