package im.tandem.mdm;

import im.tandem.admin.MeterNames;
import im.tandem.feature.StreamElementHandler;
import im.tandem.feature.XmppFeature;
import im.tandem.mdm.QuietModeBuffer.Held;
import im.tandem.routing.Redelivery;
import im.tandem.routing.RouterRestartListener;
import im.tandem.session.ClientSession;
import im.tandem.session.OutboundGate;
import im.tandem.session.SessionListener;
import im.tandem.stanza.Delay;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import im.tandem.xml.XmlWriter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import im.tandem.config.LazyBeans;
import im.tandem.session.DeviceWakeup;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Quiet mode on Client State Indication (XEP-0352; SPEC section 3). A session that says
 * {@code <inactive/>} gets this gate: stanzas for it are held, in order, until a flush
 * trigger; presence from one sender is kept only in its latest form and standalone chat
 * states are dropped, messages never. Flushed stanzas carry a {@code <delay/>} with the time
 * the server received them. Buffers are bounded per session (stanzas, bytes) and node-wide
 * (bytes, oldest buffers flushed first), and a sweep flushes what has waited the maximum hold
 * time. When a quiet session ends, each held message that no open session of the user has
 * (or holds) goes to the user's other sessions, or else to offline storage.
 */
@Component
public class QuietMode implements XmppFeature, StreamElementHandler, OutboundGate, SessionListener,
        RouterRestartListener, DisposableBean {

    public static final String NAMESPACE = "urn:xmpp:csi:0";
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(QuietMode.class);

    private final MdmSwitch mdm;
    private final MdmProperties.Buffer limits;
    private final ActiveClientTracker activeClients;
    private final Redelivery redelivery;
    private final MdmMetrics metrics;
    private final Clock clock;
    private final String domain;
    private final Set<ClientSession> quietSessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong heldBytes = new AtomicLong();
    private final Disposable sweeper;
    private final LazyBeans<DeviceWakeup> wakeups;

    public QuietMode(MdmSwitch mdm, MdmProperties properties, ActiveClientTracker activeClients,
                     Redelivery redelivery, MdmMetrics metrics, Clock clock,
                     @Value("${tandem.domain:localhost}") String domain, MeterRegistry meters,
                     ObjectProvider<DeviceWakeup> wakeups) {
        this.wakeups = LazyBeans.of(wakeups);
        this.mdm = mdm;
        this.limits = properties.buffer();
        this.activeClients = activeClients;
        this.redelivery = redelivery;
        this.metrics = metrics;
        this.clock = clock;
        this.domain = domain;
        Gauge.builder(MeterNames.MDM_QUIET_MODE_SESSIONS, quietSessions, Set::size)
                .description("Sessions in quiet mode").register(meters);
        this.sweeper = Flux.interval(SWEEP_INTERVAL, SWEEP_INTERVAL)
                .onBackpressureDrop()
                .subscribe(tick -> sweepHoldTime(), e -> log.error("quiet-mode sweep stopped", e));
    }

    @Override
    public void destroy() {
        sweeper.dispose();
    }

    @Override
    public List<Element> postAuthStreamFeatures() {
        return mdm.enabled() ? List.of(Element.of("csi", NAMESPACE)) : List.of();
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    /** {@code <inactive/>} enters quiet mode, {@code <active/>} leaves it and flushes; anything else is ignored. */
    @Override
    public Mono<Void> handle(Element element, ClientSession session) {
        if (element.name().equals("inactive")) {
            enter(session);
        } else if (element.name().equals("active")) {
            leave(session, FlushTrigger.ACTIVE);
        }
        return Mono.empty();
    }

    /** Sessions now in quiet mode. */
    public int quietSessionCount() {
        return quietSessions.size();
    }

    /** Bytes held by all buffers of the node. */
    public long heldBytes() {
        return heldBytes.get();
    }

    private void enter(ClientSession session) {
        if (!mdm.enabled()) {
            return;
        }
        MdmSessionState state = MdmSessionState.of(session);
        synchronized (state) {
            if (state.quiet != null || !session.isOpen()) {
                return;
            }
            state.quiet = new QuietModeBuffer();
            quietSessions.add(session);
            session.gate(this);
        }
    }

    private void leave(ClientSession session, FlushTrigger trigger) {
        MdmSessionState state = MdmSessionState.peek(session);
        QuietModeBuffer buffer = state == null ? null : state.quiet;
        if (buffer == null) {
            return;
        }
        synchronized (buffer) {
            flush(session, buffer, trigger);
            buffer.closed = true;
            state.quiet = null;
            session.gate(null);
        }
        quietSessions.remove(session);
    }

    @Override
    public boolean offer(ClientSession session, Element stanza, List<ClientSession> copies) {
        MdmSessionState state = MdmSessionState.peek(session);
        QuietModeBuffer buffer = state == null ? null : state.quiet;
        if (buffer == null) {
            return false;
        }
        boolean overNodeLimit;
        synchronized (buffer) {
            if (buffer.closed) {
                return false;
            }
            switch (stanza.name()) {
                case "iq" -> {
                    flush(session, buffer, FlushTrigger.IQ);
                    session.write(stanza);
                    return true;
                }
                case "message" -> {
                    if (CarbonCopies.isStandaloneChatState(stanza)) {
                        return true;
                    }
                    if (CarbonCopies.hasBody(stanza) && activeClients.active(session.bareJid()) == null) {
                        flush(session, buffer, FlushTrigger.MESSAGE);
                        session.write(stanza);
                        // outside this buffer's monitor: a wake-up may write to a push app server
                        reactor.core.scheduler.Schedulers.parallel().schedule(() -> wake(session, stanza));
                        return true;
                    }
                }
                case "presence" -> {
                    if (isAvailability(stanza)) {
                        heldBytes.addAndGet(-buffer.removePresenceFrom(stanza.attribute("from")));
                    }
                }
                default -> {
                }
            }
            int size = XmlWriter.length(stanza, Stanza.CLIENT_NAMESPACE);
            buffer.add(new Held(stanza, clock.instant(), size, copies));
            overNodeLimit = heldBytes.addAndGet(size) > limits.globalMaxBytes().toBytes();
            if (buffer.size() >= limits.sessionMaxStanzas() || buffer.bytes() >= limits.sessionMaxBytes().toBytes()) {
                flush(session, buffer, FlushTrigger.SESSION_LIMIT);
                overNodeLimit = false;
            }
        }
        if (overNodeLimit) {
            // outside this buffer's monitor: flushing takes other buffers' monitors
            flushOldestUntilUnderLimit();
        }
        return true;
    }

    private void wake(ClientSession session, Element message) {
        for (DeviceWakeup w : wakeups.get()) {
            try {
                w.wake(session, message);
            } catch (RuntimeException e) {
                log.warn("{} failed to wake {}", w.getClass().getSimpleName(), session, e);
            }
        }
    }

    private static boolean isAvailability(Element presence) {
        String type = presence.attribute("type");
        return type == null || type.equals("unavailable");
    }

    /** Writes everything held, oldest first, each stamped with when it arrived. Caller holds the monitor. */
    private void flush(ClientSession session, QuietModeBuffer buffer, FlushTrigger trigger) {
        if (buffer.isEmpty()) {
            return;
        }
        List<Held> all = buffer.drain();
        Instant now = clock.instant();
        long bytes = 0;
        for (Held h : all) {
            session.write(Delay.stamped(h.stanza(), domain, h.receivedAt()), h.copies());
            metrics.queued(Duration.between(h.receivedAt(), now));
            bytes += h.bytes();
        }
        heldBytes.addAndGet(-bytes);
        metrics.flushed(trigger, all.size());
    }

    private void flushOldestUntilUnderLimit() {
        record Aged(ClientSession session, QuietModeBuffer buffer, Instant oldest) {
        }
        List<Aged> byAge = new ArrayList<>();
        for (ClientSession s : quietSessions) {
            MdmSessionState state = MdmSessionState.peek(s);
            QuietModeBuffer buffer = state == null ? null : state.quiet;
            if (buffer != null) {
                synchronized (buffer) {
                    Instant oldest = buffer.oldest();
                    if (oldest != null) {
                        byAge.add(new Aged(s, buffer, oldest));
                    }
                }
            }
        }
        byAge.sort(Comparator.comparing(Aged::oldest));
        for (Aged a : byAge) {
            if (heldBytes.get() <= limits.globalMaxBytes().toBytes()) {
                return;
            }
            synchronized (a.buffer()) {
                if (!a.buffer().closed) {
                    flush(a.session(), a.buffer(), FlushTrigger.GLOBAL_LIMIT);
                }
            }
        }
    }

    /** Trigger e: flushes every buffer whose oldest stanza has waited the maximum hold time. */
    void sweepHoldTime() {
        Instant cutoff = clock.instant().minus(limits.maxHold());
        for (ClientSession s : quietSessions) {
            MdmSessionState state = MdmSessionState.peek(s);
            QuietModeBuffer buffer = state == null ? null : state.quiet;
            if (buffer == null) {
                continue;
            }
            synchronized (buffer) {
                Instant oldest = buffer.oldest();
                if (!buffer.closed && oldest != null && !oldest.isAfter(cutoff)) {
                    flush(s, buffer, FlushTrigger.HOLD_TIME);
                }
            }
        }
    }

    /** MDM switched off at a router restart: no session stays quiet, every buffer is written out. */
    @Override
    public void routerRestarting() {
        if (!mdm.enabled()) {
            for (ClientSession s : List.copyOf(quietSessions)) {
                leave(s, FlushTrigger.ACTIVE);
            }
        }
    }

    /** XEP-0352 section 5.2: a resumed stream starts active, so what was held is written now. */
    @Override
    public Mono<Void> sessionResumed(ClientSession session) {
        leave(session, FlushTrigger.ACTIVE);
        return Mono.empty();
    }

    @Override
    public Mono<Void> sessionEnded(ClientSession session) {
        MdmSessionState state = MdmSessionState.peek(session);
        QuietModeBuffer buffer = state == null ? null : state.quiet;
        if (buffer == null) {
            return Mono.empty();
        }
        List<Held> held;
        synchronized (buffer) {
            held = buffer.drain();
            buffer.closed = true;
            state.quiet = null;
            session.gate(null);
        }
        quietSessions.remove(session);
        heldBytes.addAndGet(-held.stream().mapToLong(Held::bytes).sum());
        if (held.isEmpty()) {
            return Mono.empty();
        }
        metrics.flushed(FlushTrigger.CLOSED, held.size());
        return Flux.fromIterable(held)
                .concatMap(h -> redelivery.redeliver(session, h.stanza(), h.receivedAt(), h.copies()))
                .then();
    }
}
