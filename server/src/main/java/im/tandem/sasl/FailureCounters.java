package im.tandem.sasl;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed-login counters for one kind of key (accounts or addresses) with lockouts that double
 * on repeat. Entries stay in order of their last failure, so the head of the map is always the
 * best candidate to forget, whether to expire it or to stay under the key cap.
 */
final class FailureCounters {

    /** Expired heads removed per failure: more than one, so expiry outpaces insertion. */
    private static final int PURGE_PER_FAILURE = 8;

    private static final class Counter {
        int failures;
        long windowStart;
        long lastFailureAt;
        int strikes;
        long lockedUntil;
    }

    private final int maxFailures;
    private final long windowMillis;
    private final long lockoutMillis;
    private final long maxLockoutMillis;
    private final int maxKeys;
    private final LinkedHashMap<String, Counter> counters = new LinkedHashMap<>();

    FailureCounters(int maxFailures, long windowMillis, long lockoutMillis, long maxLockoutMillis, int maxKeys) {
        this.maxFailures = maxFailures;
        this.windowMillis = windowMillis;
        this.lockoutMillis = lockoutMillis;
        this.maxLockoutMillis = maxLockoutMillis;
        this.maxKeys = maxKeys;
    }

    synchronized boolean isLocked(String key, long now) {
        Counter counter = counters.get(key);
        return counter != null && now < counter.lockedUntil;
    }

    synchronized void recordFailure(String key, long now) {
        Counter counter = counters.remove(key);
        if (counter == null || isForgotten(counter, now)) {
            counter = new Counter();
            counter.windowStart = now;
        }
        if (now - counter.windowStart >= windowMillis) {
            counter.failures = 0;
            counter.windowStart = now;
        }
        counter.failures++;
        counter.lastFailureAt = now;
        if (counter.failures >= maxFailures && now >= counter.lockedUntil) {
            counter.strikes++;
            counter.lockedUntil = now + lockDuration(counter.strikes);
            // A fresh budget after the lock, so the next lock comes after as many failures again.
            counter.failures = 0;
            counter.windowStart = now;
        }
        counters.put(key, counter);
        purge(now);
    }

    synchronized void forget(String key) {
        counters.remove(key);
    }

    synchronized int size() {
        return counters.size();
    }

    /** A key's history, strikes included, is dropped once it has been quiet for a whole window. */
    private boolean isForgotten(Counter counter, long now) {
        return now >= Math.max(counter.lastFailureAt, counter.lockedUntil) + windowMillis;
    }

    private long lockDuration(int strikes) {
        long duration = lockoutMillis;
        for (int i = 1; i < strikes && duration > 0 && duration < maxLockoutMillis; i++) {
            duration = duration > maxLockoutMillis / 2 ? maxLockoutMillis : duration * 2;
        }
        return Math.min(duration, maxLockoutMillis);
    }

    private void purge(long now) {
        Iterator<Map.Entry<String, Counter>> oldestFirst = counters.entrySet().iterator();
        int expired = 0;
        while (oldestFirst.hasNext()) {
            Counter oldest = oldestFirst.next().getValue();
            boolean overCap = counters.size() > maxKeys;
            if (overCap || (expired < PURGE_PER_FAILURE && isForgotten(oldest, now))) {
                oldestFirst.remove();
                expired++;
            } else {
                break;
            }
        }
    }
}
