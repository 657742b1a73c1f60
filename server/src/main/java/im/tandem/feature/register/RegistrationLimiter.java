package im.tandem.feature.register;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts registrations per source address in fixed windows. Memory is bounded: expired
 * windows are dropped when the map grows, and beyond {@link #MAX_ADDRESSES} it starts over.
 */
final class RegistrationLimiter {

    static final int MAX_ADDRESSES = 10_000;

    private record Window(long start, int count) {
    }

    private final int max;
    private final long windowNanos;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    RegistrationLimiter(int max, Duration window) {
        this.max = max;
        this.windowNanos = window.toNanos();
    }

    /** Takes one registration from the address's budget; false when it is spent. */
    boolean tryAcquire(String address) {
        long now = System.nanoTime();
        if (windows.size() >= MAX_ADDRESSES) {
            windows.values().removeIf(w -> now - w.start() >= windowNanos);
            if (windows.size() >= MAX_ADDRESSES) {
                windows.clear();
            }
        }
        boolean[] allowed = new boolean[1];
        windows.compute(address, (a, w) -> {
            if (w == null || now - w.start() >= windowNanos) {
                allowed[0] = max > 0;
                return new Window(now, 1);
            }
            allowed[0] = w.count() < max;
            return allowed[0] ? new Window(w.start(), w.count() + 1) : w;
        });
        return allowed[0];
    }

    /** Gives back a registration that did not happen (taken name, weak password). */
    void release(String address) {
        windows.computeIfPresent(address, (a, w) -> w.count() <= 1 ? null : new Window(w.start(), w.count() - 1));
    }
}
