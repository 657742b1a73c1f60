package im.tandem.feature.adhoc;

import im.tandem.stanza.Jid;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Command executions in progress, by XEP-0050 sessionid. Bounded: an execution expires after
 * {@link #LIFETIME}, each admin may have {@link #MAX_PER_ADMIN} open, the node {@link #MAX_TOTAL}.
 */
final class CommandSessions {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int MAX_PER_ADMIN = 10;
    static final int MAX_TOTAL = 1_000;

    /** One execution: who started it, which command, until when it may be completed. */
    record Execution(String id, Jid owner, String node, long expiresAt) {
    }

    private final ConcurrentMap<String, Execution> executions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** Starts an execution, or returns null when the owner or the node has too many open. */
    Execution start(Jid owner, String node) {
        long now = System.nanoTime();
        executions.values().removeIf(e -> e.expiresAt() - now < 0);
        long mine = executions.values().stream().filter(e -> e.owner().equals(owner)).count();
        if (mine >= MAX_PER_ADMIN || executions.size() >= MAX_TOTAL) {
            return null;
        }
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        Execution execution = new Execution(HexFormat.of().formatHex(bytes), owner, node, now + LIFETIME.toNanos());
        executions.put(execution.id(), execution);
        return execution;
    }

    /** Removes and returns the execution if it exists, belongs to {@code owner} and {@code node}, and is live. */
    Execution finish(String id, Jid owner, String node) {
        Execution e = executions.get(id);
        if (e == null || !e.owner().equals(owner) || !e.node().equals(node)) {
            return null;
        }
        executions.remove(id, e);
        return e.expiresAt() - System.nanoTime() < 0 ? null : e;
    }

    int size() {
        return executions.size();
    }
}
