package im.tandem.alert;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Evaluates the {@link CapacityAlert} every {@code tandem.capacity.alert.evaluation-interval}
 * (1 s by default) while the server runs. A failed evaluation is logged and the next one runs
 * as usual; a slow one makes the ticks in between drop, never queue.
 */
public class CapacityWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CapacityWatch.class);

    private final CapacityAlert alert;
    private final Duration interval;
    private volatile Disposable ticks;

    public CapacityWatch(CapacityAlert alert, Duration interval) {
        this.alert = alert;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (ticks == null) {
            ticks = Flux.interval(interval, interval, Schedulers.parallel())
                    .onBackpressureDrop()
                    .publishOn(Schedulers.single(), 1)
                    .subscribe(tick -> evaluate());
        }
    }

    private void evaluate() {
        try {
            alert.evaluate();
        } catch (RuntimeException e) {
            log.warn("{} evaluation failed", CapacityAlert.NAME, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (ticks != null) {
            ticks.dispose();
            ticks = null;
        }
    }

    @Override
    public boolean isRunning() {
        return ticks != null;
    }
}
