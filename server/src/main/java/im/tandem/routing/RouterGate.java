package im.tandem.routing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Lets routed stanzas through while open and holds new ones while a router restart swaps the
 * service parameters. A held stanza waits in its connection's mailbox (so the wait is bounded
 * by each connection's own backpressure, not by a queue here) and is routed once the gate
 * opens again; what was already being routed when the gate closed runs to the end first.
 */
@Component
public class RouterGate {

    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Sinks.Empty<Void> closedUntil;
    private volatile Sinks.Empty<Void> drained;

    /** Runs {@code work} when the gate is open, counted in flight until it terminates. */
    public Mono<Void> pass(Supplier<Mono<Void>> work) {
        return Mono.defer(() -> {
            // count first, then look: a restart that closes meanwhile waits for this one
            inFlight.incrementAndGet();
            Sinks.Empty<Void> closed = closedUntil;
            if (closed != null) {
                leave();
                return closed.asMono().then(pass(work));
            }
            return Mono.defer(work).doFinally(signal -> leave());
        });
    }

    private void leave() {
        if (inFlight.decrementAndGet() == 0) {
            Sinks.Empty<Void> waiting = drained;
            if (waiting != null) {
                waiting.tryEmitEmpty();
            }
        }
    }

    /** Closes the gate; the returned Mono completes once nothing is in flight. Only one closer at a time. */
    synchronized Mono<Void> close() {
        if (closedUntil == null) {
            closedUntil = Sinks.empty();
        }
        Sinks.Empty<Void> waiting = Sinks.empty();
        drained = waiting;
        if (inFlight.get() == 0) {
            waiting.tryEmitEmpty();
        }
        return waiting.asMono();
    }

    /** Opens the gate and lets everything that waited go on. */
    synchronized void open() {
        Sinks.Empty<Void> closed = closedUntil;
        closedUntil = null;
        drained = null;
        if (closed != null) {
            closed.tryEmitEmpty();
        }
    }

    public boolean isOpen() {
        return closedUntil == null;
    }

    int inFlight() {
        return inFlight.get();
    }
}
