package im.tandem.component;

import im.tandem.admin.MeterNames;
import im.tandem.routing.ExternalDomains;
import im.tandem.routing.ServerRequests;
import im.tandem.sasl.LoginThrottle;
import im.tandem.sasl.LoginThrottleSettings;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StreamError;
import im.tandem.stanza.StreamErrorCondition;
import im.tandem.xml.Element;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The external components connected now, one stream per configured domain (a second
 * connection for a domain that is connected is refused with {@code conflict}); the router's
 * way to them ({@link ExternalDomains}) and the server's requests to them (push
 * notifications). Meters: {@code tandem_component_connected}, {@code tandem_component_stanzas_total{direction}},
 * {@code tandem_component_handshake_failures_total}, {@code tandem_component_stanzas_rejected_total}.
 */
@Component
public class ExternalComponents implements ExternalDomains {

    private final ComponentProperties properties;
    private final String serverDomain;
    private final LoginThrottle throttle;
    private final ServerRequests requests;
    private final ObjectProvider<ComponentIngress> ingress;
    private final ObjectProvider<HybridSessions> hybrid;
    private final ConcurrentMap<String, ComponentStream> connected = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Counter in;
    private final Counter out;
    private final Counter handshakeFailures;
    private final Counter rejected;

    public ExternalComponents(ComponentProperties properties, @Value("${tandem.domain:localhost}") String serverDomain,
                              ServerRequests requests, ObjectProvider<ComponentIngress> ingress,
                              ObjectProvider<HybridSessions> hybrid, MeterRegistry meters) {
        this.properties = properties;
        this.serverDomain = serverDomain;
        // its own throttle: failed client logins naming a component's domain, or from the same
        // (loopback) address, must not lock the component out
        this.throttle = new LoginThrottle(LoginThrottleSettings.DEFAULTS);
        checkDomains(properties, serverDomain);
        this.requests = requests;
        this.ingress = ingress;
        this.hybrid = hybrid;
        Gauge.builder(MeterNames.COMPONENT_CONNECTED, connected, ConcurrentMap::size)
                .description("External components connected").register(meters);
        this.in = Counter.builder(MeterNames.COMPONENT_STANZAS).tag("direction", "in")
                .description("Stanzas between the server and external components").register(meters);
        this.out = Counter.builder(MeterNames.COMPONENT_STANZAS).tag("direction", "out")
                .description("Stanzas between the server and external components").register(meters);
        this.handshakeFailures = Counter.builder(MeterNames.COMPONENT_HANDSHAKE_FAILURES)
                .description("Component connections refused at the handshake").register(meters);
        this.rejected = Counter.builder(MeterNames.COMPONENT_STANZAS_REJECTED)
                .description("Stanzas from components refused: a from address the component may not use").register(meters);
    }

    /**
     * A component may send only from its own domain, so no component domain may be the server's
     * domain or a parent of it, nor of another component's: that would let it speak for them.
     */
    static void checkDomains(ComponentProperties properties, String serverDomain) {
        for (ComponentProperties.Definition d : properties.components()) {
            if (covers(d.domain(), serverDomain)) {
                throw new IllegalArgumentException("tandem.component.components: " + d.domain()
                        + " would cover the server's own domain " + serverDomain);
            }
            for (ComponentProperties.Definition other : properties.components()) {
                if (other != d && covers(d.domain(), other.domain())) {
                    throw new IllegalArgumentException("tandem.component.components: " + d.domain()
                            + " would cover " + other.domain());
                }
            }
        }
    }

    private static boolean covers(String domain, String other) {
        return other.equals(domain) || other.endsWith("." + domain);
    }

    @Override
    public Outcome deliver(Element stanza, Jid to) {
        ComponentStream stream = connected.get(to.domain());
        if (stream == null || !stream.isOpen()) {
            return properties.find(to.domain()) != null ? Outcome.UNAVAILABLE : Outcome.UNKNOWN;
        }
        stream.send(stanza);
        return Outcome.DELIVERED;
    }

    /** Whether a component is configured for {@code domain}, connected or not. */
    public boolean isConfigured(String domain) {
        return properties.find(domain) != null;
    }

    /** Whether the component serving {@code domain} is connected. */
    public boolean isConnected(String domain) {
        return connected.containsKey(domain);
    }

    /** The domains connected now. */
    public List<String> connectedDomains() {
        return List.copyOf(connected.keySet());
    }

    /**
     * An iq request from {@code from} (the server or a local account) to the entity at {@code to} (a component's domain or a JID
     * in it); its reply, or empty when the component is not connected or does not answer in time.
     */
    public Mono<Stanza> request(String type, Jid from, Jid to, Element payload, Duration timeout) {
        ComponentStream stream = connected.get(to.domain());
        if (stream == null || !stream.isOpen()) {
            return Mono.empty();
        }
        return requests.request(type, from.toString(), to.toString(), payload, stream::send, timeout);
    }

    /** Closes every component stream: the server is shutting down. */
    public void closeAll() {
        for (ComponentStream stream : connected.values()) {
            stream.close(StreamError.of(StreamErrorCondition.SYSTEM_SHUTDOWN, "the server is shutting down"));
        }
    }

    ComponentProperties properties() {
        return properties;
    }

    String serverDomain() {
        return serverDomain;
    }

    /** The server's own domain. */
    public String serverDomainName() {
        return serverDomain;
    }

    LoginThrottle throttle() {
        return throttle;
    }

    ComponentIngress ingress() {
        return ingress.getObject();
    }

    String newStreamId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    boolean attach(ComponentStream stream) {
        return connected.putIfAbsent(stream.domain(), stream) == null;
    }

    void established(ComponentStream stream) {
        if (stream.isGateway()) {
            hybrid.getObject().gatewayConnected(stream);
        }
    }

    void detach(ComponentStream stream) {
        String domain = stream.domain();
        if (domain != null && connected.remove(domain, stream) && stream.isGateway()) {
            hybrid.getObject().gatewayGone(stream);
        }
    }

    void stanzaIn() {
        in.increment();
    }

    void stanzaOut() {
        out.increment();
    }

    void handshakeFailed() {
        handshakeFailures.increment();
    }

    void rejected() {
        rejected.increment();
    }
}
