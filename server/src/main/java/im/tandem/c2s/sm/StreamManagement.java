package im.tandem.c2s.sm;

import im.tandem.admin.MeterNames;
import im.tandem.c2s.sm.ManagedStream.Connection;
import im.tandem.c2s.sm.ManagedStream.Unacked;
import im.tandem.feature.XmppFeature;
import im.tandem.routing.Redelivery;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionKey;
import im.tandem.xml.Element;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import im.tandem.config.LazyBeans;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stream management (XEP-0198) for the node: offers {@code <sm/>}, enables it on a bound
 * session, finds the session a {@code <resume/>} names (only the user's own), and ends
 * hibernating sessions whose resumption window has passed (a sweep on the server clock), their
 * unacknowledged stanzas handed to {@link Redelivery}.
 */
@Component
public class StreamManagement implements XmppFeature, DisposableBean {

    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
    /** The managed stream of a session that enabled stream management. */
    static final SessionKey<ManagedStream> KEY = SessionKey.of("sm", ManagedStream.class);
    private static final String STANZAS_NS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    private static final Logger log = LoggerFactory.getLogger(StreamManagement.class);

    private final StreamManagementProperties properties;
    private final Redelivery redelivery;
    private final Clock clock;
    private final String domain;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentMap<String, ManagedStream> resumable = new ConcurrentHashMap<>();
    private final Set<ManagedStream> hibernating = ConcurrentHashMap.newKeySet();
    private final Counter resumed;
    private final Counter resumeFailed;
    private final Counter expired;
    private final Counter redelivered;
    private final Disposable sweeper;

    private final LazyBeans<HibernationObserver> observers;

    public StreamManagement(StreamManagementProperties properties, Redelivery redelivery, Clock clock,
                            @Value("${tandem.domain:localhost}") String domain, MeterRegistry meters,
                            ObjectProvider<HibernationObserver> observers) {
        this.observers = LazyBeans.of(observers);
        this.properties = properties;
        this.redelivery = redelivery;
        this.clock = clock;
        this.domain = domain;
        Gauge.builder(MeterNames.SM_HIBERNATING, hibernating, Set::size)
                .description("Sessions waiting for a stream resumption").register(meters);
        this.resumed = Counter.builder(MeterNames.SM_RESUMPTIONS).tag("result", "resumed")
                .description("Stream resumptions asked for").register(meters);
        this.resumeFailed = Counter.builder(MeterNames.SM_RESUMPTIONS).tag("result", "failed")
                .description("Stream resumptions asked for").register(meters);
        this.expired = Counter.builder(MeterNames.SM_EXPIRED)
                .description("Hibernating sessions ended because nobody resumed them in time").register(meters);
        this.redelivered = Counter.builder(MeterNames.SM_UNACKED_REDELIVERED)
                .description("Unacknowledged stanzas of ended sessions handed to redelivery").register(meters);
        this.sweeper = Flux.interval(SWEEP_INTERVAL, SWEEP_INTERVAL)
                .onBackpressureDrop()
                .subscribe(tick -> expireDue(), e -> log.error("stream management sweep stopped", e));
    }

    @Override
    public void destroy() {
        sweeper.dispose();
    }

    public boolean enabled() {
        return properties.enabled();
    }

    @Override
    public List<Element> postAuthStreamFeatures() {
        return properties.enabled() ? List.of(Element.of("sm", ManagedStream.NAMESPACE)) : List.of();
    }

    /**
     * {@code <enable/>} on a bound session: the managed stream that from now on numbers what the
     * session is sent. Resumable if the client asked; {@code max} (seconds) can shorten the
     * window, never lengthen it.
     */
    public ManagedStream enable(ClientSession session, Connection connection, Element enable) {
        boolean wantsResume = "true".equals(enable.attribute("resume")) || "1".equals(enable.attribute("resume"));
        Duration timeout = properties.resumeTimeout();
        Long max = parseUnsignedInt(enable.attribute("max"));
        if (max != null && max > 0 && Duration.ofSeconds(max).compareTo(timeout) < 0) {
            timeout = Duration.ofSeconds(max);
        }
        String id = wantsResume ? newId() : null;
        ManagedStream stream = new ManagedStream(id, session, connection, wantsResume, timeout, this);
        if (wantsResume) {
            resumable.put(id, stream);
        }
        session.put(KEY, stream);
        return stream;
    }

    /** The session's managed stream, or null if it never enabled stream management. */
    public static ManagedStream of(ClientSession session) {
        return session.get(KEY);
    }

    /** The {@code <enabled/>} answer for a stream {@link #enable} made. */
    public String enabledElement(ManagedStream stream) {
        if (!stream.resumable()) {
            return "<enabled xmlns='" + ManagedStream.NAMESPACE + "'/>";
        }
        return "<enabled xmlns='" + ManagedStream.NAMESPACE + "' id='" + stream.id() + "' resume='true' max='"
                + stream.resumeTimeout().toSeconds() + "'/>";
    }

    /**
     * The session {@code previd} names, if it exists, can still be resumed and belongs to
     * {@code username}: another user's id gets the same answer as an unknown one.
     */
    public ManagedStream find(String username, String previd) {
        ManagedStream stream = previd == null ? null : resumable.get(previd);
        if (stream == null || !stream.isOpen() || !stream.session().username().equals(username)) {
            resumeFailed.increment();
            return null;
        }
        return stream;
    }

    /**
     * Continues {@code stream} on {@code to} (see {@link ManagedStream#resumeOn}); null when that
     * worked, else the {@code <failed/>} to answer with.
     */
    public String resume(ManagedStream stream, Connection to, long h) {
        ManagedStream.Resumed outcome = stream.resumeOn(to, h);
        switch (outcome) {
            case RESUMED -> {
                resumed.increment();
                return null;
            }
            case HANDLED_TOO_HIGH -> {
                resumeFailed.increment();
                return "<failed xmlns='" + ManagedStream.NAMESPACE + "' h='" + stream.handledCount()
                        + "'><undefined-condition xmlns='" + STANZAS_NS + "'/>"
                        + "<handled-count-too-high xmlns='" + ManagedStream.NAMESPACE + "' h='" + h
                        + "' send-count='" + stream.sentCount() + "'/></failed>";
            }
            default -> {
                resumeFailed.increment();
                return failed("item-not-found");
            }
        }
    }

    /** A {@code <failed/>} with a stanza error condition. */
    public static String failed(String condition) {
        return "<failed xmlns='" + ManagedStream.NAMESPACE + "'><" + condition + " xmlns='" + STANZAS_NS + "'/></failed>";
    }

    /** Hands what an ended session never acknowledged to redelivery, oldest first. */
    public Mono<Void> strand(ClientSession session, List<Unacked> stanzas) {
        if (stanzas.isEmpty()) {
            return Mono.empty();
        }
        redelivered.increment(stanzas.size());
        return Flux.fromIterable(stanzas)
                .concatMap(u -> redelivery.redeliver(session, u.stanza(), u.at(), u.copies())
                        .onErrorResume(e -> {
                            log.warn("redelivery of an unacknowledged stanza of {} failed", session, e);
                            return Mono.empty();
                        }))
                .then();
    }

    /** Parses an xs:unsignedInt (h, max); null if it is not one. */
    public static Long parseUnsignedInt(String value) {
        if (value == null || value.isEmpty() || value.length() > 10) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return null;
            }
        }
        long v = Long.parseLong(value);
        return v < ManagedStream.H_MODULUS ? v : null;
    }

    /** Sessions waiting for a resumption now. */
    public int hibernatingCount() {
        return hibernating.size();
    }

    void expireDue() {
        Instant now = clock.instant();
        for (ManagedStream stream : hibernating) {
            try {
                if (stream.expire(now)) {
                    expired.increment();
                }
            } catch (RuntimeException e) {
                log.error("ending hibernating {} failed", stream, e);
            }
        }
    }

    Instant now() {
        return clock.instant();
    }

    String domain() {
        return domain;
    }

    int maxUnacked() {
        return properties.maxUnacked();
    }

    Duration ackTimeout() {
        return properties.ackTimeout();
    }

    /** How long a hibernating stream may wait: its own window, or longer if an observer keeps it (a phantom). */
    Duration lifetime(ManagedStream stream) {
        Duration lifetime = stream.resumeTimeout();
        for (HibernationObserver o : observers.get()) {
            Duration longer = o.lifetime(stream.session());
            if (longer != null && longer.compareTo(lifetime) > 0) {
                lifetime = longer;
            }
        }
        return lifetime;
    }

    void hibernating(ManagedStream stream) {
        hibernating.add(stream);
        tell(o -> o.hibernated(stream.session()));
    }

    void queued(ManagedStream stream, Element stanza) {
        tell(o -> o.queued(stream.session(), stanza));
    }

    void resumed(ManagedStream stream) {
        if (hibernating.remove(stream)) {
            tell(o -> o.awake(stream.session()));
        }
    }

    void forget(ManagedStream stream) {
        if (hibernating.remove(stream)) {
            tell(o -> o.awake(stream.session()));
        }
        if (stream.id() != null) {
            resumable.remove(stream.id(), stream);
        }
    }

    private void tell(java.util.function.Consumer<HibernationObserver> event) {
        for (HibernationObserver o : observers.get()) {
            try {
                event.accept(o);
            } catch (RuntimeException e) {
                log.warn("{} failed", o.getClass().getSimpleName(), e);
            }
        }
    }

    private String newId() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
