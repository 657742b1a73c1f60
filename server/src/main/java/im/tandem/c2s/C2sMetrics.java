package im.tandem.c2s;

import im.tandem.admin.MeterNames;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StreamErrorCondition;
import im.tandem.xml.Element;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Meters of the client-to-server streams; counters are created once, not per stanza. */
@Component
public class C2sMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<Stanza.Kind, Counter> stanzasIn = new EnumMap<>(Stanza.Kind.class);
    private final Map<Stanza.Kind, Counter> stanzasOut = new EnumMap<>(Stanza.Kind.class);
    private final Map<StreamErrorCondition, Counter> streamErrors = new ConcurrentHashMap<>();
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Counter authFailures;
    private final Counter sessionsBound;
    private final Counter acceptedStartTls;
    private final Counter acceptedDirectTls;

    public C2sMetrics(MeterRegistry registry, SessionRegistry sessions) {
        this.registry = registry;
        Gauge.builder(MeterNames.C2S_CONNECTIONS, connections, AtomicInteger::get)
                .description("open client connections").register(registry);
        Gauge.builder(MeterNames.SESSIONS, sessions, SessionRegistry::sessionCount)
                .description("bound client sessions").register(registry);
        for (Stanza.Kind kind : Stanza.Kind.values()) {
            String tag = kind.name().toLowerCase(java.util.Locale.ROOT);
            stanzasIn.put(kind, Counter.builder(MeterNames.STANZAS_IN).tag("kind", tag).register(registry));
            stanzasOut.put(kind, Counter.builder(MeterNames.STANZAS_OUT).tag("kind", tag).register(registry));
        }
        bytesIn = Counter.builder(MeterNames.BYTES_IN).baseUnit("bytes").register(registry);
        bytesOut = Counter.builder(MeterNames.BYTES_OUT).baseUnit("bytes").register(registry);
        authFailures = Counter.builder(MeterNames.AUTH_FAILURES).register(registry);
        sessionsBound = Counter.builder(MeterNames.SESSIONS_BOUND).register(registry);
        acceptedStartTls = Counter.builder(MeterNames.C2S_CONNECTIONS_ACCEPTED).tag("listener", "starttls").register(registry);
        acceptedDirectTls = Counter.builder(MeterNames.C2S_CONNECTIONS_ACCEPTED).tag("listener", "direct_tls").register(registry);
    }

    public void connectionOpened(boolean directTls) {
        connections.incrementAndGet();
        (directTls ? acceptedDirectTls : acceptedStartTls).increment();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    void stanzaIn(Stanza.Kind kind) {
        stanzasIn.get(kind).increment();
    }

    void stanzaOut(Element stanza) {
        Stanza.Kind kind = Stanza.kindOf(stanza);
        if (kind != null) {
            stanzasOut.get(kind).increment();
        }
    }

    void bytesIn(int bytes) {
        bytesIn.increment(bytes);
    }

    public void bytesOut(int bytes) {
        bytesOut.increment(bytes);
    }

    void authFailure() {
        authFailures.increment();
    }

    void sessionBound() {
        sessionsBound.increment();
    }

    void streamError(StreamErrorCondition condition) {
        streamErrors.computeIfAbsent(condition, c -> Counter.builder(MeterNames.STREAM_ERRORS)
                .tag("condition", c.elementName()).register(registry)).increment();
    }
}
