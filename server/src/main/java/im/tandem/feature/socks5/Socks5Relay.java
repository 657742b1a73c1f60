package im.tandem.feature.socks5;

import im.tandem.admin.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The pairing of SOCKS5 connections by their destination hash: the first connection for a hash
 * (the target, per XEP-0065 section 6.3.2) waits, the second (the initiator) completes the pair,
 * a third is refused; the initiator's activation joins the pair and removes the hash, so a
 * stream is activated once. Bounded by {@code max-pending} connections.
 */
@Component
public class Socks5Relay {

    /** What became of a connection's request. */
    enum Registration { WAITING, PAIRED, REFUSED, FULL }

    /** What became of an activation. */
    enum Activation { ACTIVATED, PEER_MISSING, UNKNOWN }

    /** Why a connection was refused or closed early; the meter's tag values. */
    enum Reason { PROTOCOL, BAD_ADDRESS, DUPLICATE, LIMIT, TIMEOUT, TOO_MANY_BYTES }

    private static final class Pair {
        Socks5Connection first;
        Socks5Connection second;
    }

    private final Socks5Properties properties;
    private final Map<String, Pair> pending = new HashMap<>();
    private final AtomicInteger pendingConnections = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final Counter bytes;
    private final MeterRegistry meters;

    public Socks5Relay(Socks5Properties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        Gauge.builder(MeterNames.SOCKS5_PENDING, pendingConnections, AtomicInteger::get)
                .description("SOCKS5 connections waiting for their peer or activation").register(meters);
        Gauge.builder(MeterNames.SOCKS5_STREAMS_ACTIVE, active, AtomicInteger::get)
                .description("SOCKS5 bytestreams relaying now").register(meters);
        this.bytes = Counter.builder(MeterNames.SOCKS5_BYTES).baseUnit("bytes").description("Bytes relayed").register(meters);
        for (Reason r : Reason.values()) {
            rejected(r, 0);
        }
    }

    synchronized Registration register(String hash, Socks5Connection connection) {
        Pair pair = pending.get(hash);
        if (pair == null) {
            if (pendingConnections.get() >= properties.maxPending()) {
                return Registration.FULL;
            }
            pair = new Pair();
            pair.first = connection;
            pending.put(hash, pair);
            pendingConnections.incrementAndGet();
            return Registration.WAITING;
        }
        if (pair.second != null || pendingConnections.get() >= properties.maxPending()) {
            return pair.second != null ? Registration.REFUSED : Registration.FULL;
        }
        pair.second = connection;
        pendingConnections.incrementAndGet();
        return Registration.PAIRED;
    }

    /** Joins the two connections of {@code hash} and starts relaying. */
    Activation activate(String hash) {
        Pair pair;
        synchronized (this) {
            pair = pending.get(hash);
            if (pair == null) {
                return Activation.UNKNOWN;
            }
            if (pair.second == null) {
                return Activation.PEER_MISSING;
            }
            pending.remove(hash);
            pendingConnections.addAndGet(-2);
        }
        active.incrementAndGet();
        Socks5Connection.Stream stream = new Socks5Connection.Stream(properties.maxBytesPerStream().toBytes(),
                active::decrementAndGet);
        pair.first.start(pair.second, stream);
        pair.second.start(pair.first, stream);
        return Activation.ACTIVATED;
    }

    /** Whether {@code hash} has a connection waiting. */
    synchronized boolean isPending(String hash) {
        return pending.containsKey(hash);
    }

    /** A connection that registered under {@code hash} closed before activation: its partner goes too. */
    void closedBeforeActivation(String hash, Socks5Connection connection) {
        Socks5Connection other = null;
        synchronized (this) {
            Pair pair = pending.get(hash);
            if (pair == null || pair.first != connection && pair.second != connection) {
                return;
            }
            pending.remove(hash);
            pendingConnections.addAndGet(pair.second == null ? -1 : -2);
            other = pair.first == connection ? pair.second : pair.first;
        }
        if (other != null) {
            other.close();
        }
    }

    void relayed(long n) {
        bytes.increment(n);
    }

    void rejected(Reason reason) {
        rejected(reason, 1);
    }

    private void rejected(Reason reason, double n) {
        Counter.builder(MeterNames.SOCKS5_REJECTED).tag("reason", reason.name().toLowerCase(Locale.ROOT))
                .description("SOCKS5 connections refused or closed early").register(meters).increment(n);
    }

    Socks5Properties properties() {
        return properties;
    }
}
