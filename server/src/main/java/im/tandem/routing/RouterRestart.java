package im.tandem.routing;

import im.tandem.admin.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Restarts the router in place (SPEC section 3, "Enabling and disabling"): closes the
 * {@link RouterGate}, waits for the stanzas being routed, lets every
 * {@link RouterRestartListener} apply the pending service parameters, and opens the gate.
 * Client connections stay up; stanzas that arrived meanwhile are routed after the swap under
 * the new parameters.
 */
@Component
public class RouterRestart {

    /** Longest wait for in-flight stanzas; a handler stuck on a dead database must not stall routing forever. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(RouterRestart.class);

    private final RouterGate gate;
    private final ObjectProvider<RouterRestartListener> listeners;
    private final Counter restarts;
    private final AtomicBoolean running = new AtomicBoolean();

    public RouterRestart(RouterGate gate, ObjectProvider<RouterRestartListener> listeners, MeterRegistry meters) {
        this.gate = gate;
        this.listeners = listeners;
        this.restarts = Counter.builder(MeterNames.ROUTER_RESTARTS).description("Router restarts").register(meters);
    }

    /** Restarts; completes when routing goes on. A restart while one is running is refused. */
    public Mono<Void> restart() {
        return Mono.defer(() -> {
            if (!running.compareAndSet(false, true)) {
                return Mono.error(new IllegalStateException("a router restart is already running"));
            }
            return gate.close()
                    .timeout(DRAIN_TIMEOUT, Mono.fromRunnable(() ->
                            log.warn("router restart: {} stanzas still in flight after {}; going on",
                                    gate.inFlight(), DRAIN_TIMEOUT)))
                    .then(Mono.fromRunnable(() -> listeners.orderedStream().forEach(l -> {
                        try {
                            l.routerRestarting();
                        } catch (RuntimeException e) {
                            log.error("{} failed during the router restart", l.getClass().getSimpleName(), e);
                        }
                    })))
                    .doFinally(signal -> {
                        gate.open();
                        running.set(false);
                        restarts.increment();
                        log.info("router restarted");
                    })
                    .then();
        });
    }
}
