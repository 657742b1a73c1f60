package im.tandem.c2s;

import im.tandem.c2s.sm.StreamManagement;
import im.tandem.config.LazyBeans;
import im.tandem.config.TandemProperties;
import im.tandem.feature.PreAuthIqHandler;
import im.tandem.feature.StreamElementHandler;
import im.tandem.feature.XmppFeature;
import im.tandem.routing.StanzaRouter;
import im.tandem.sasl.CredentialLookup;
import im.tandem.sasl.LoginThrottle;
import im.tandem.sasl.SaslMechanisms;
import im.tandem.session.ClientSession;
import im.tandem.session.NodeCapacity;
import im.tandem.session.SessionListener;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.tls.TlsProperties;
import im.tandem.xml.Element;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What every {@link ClientStream} needs from the server, gathered once so that a stream
 * holds one reference instead of a dozen.
 */
@Component
public class C2sServices {

    private static final Logger log = LoggerFactory.getLogger(C2sServices.class);

    private final Jid domain;
    private final C2sProperties properties;
    private final boolean allowPlaintextAuth;
    private final SaslMechanisms sasl;
    private final CredentialLookup credentials;
    private final LoginThrottle throttle;
    private final SessionRegistry sessions;
    private final ObjectProvider<StanzaRouter> router;
    private final LazyBeans<XmppFeature> features;
    private final LazyBeans<PreAuthIqHandler> preAuthHandlers;
    private final LazyBeans<SessionListener> listeners;
    private final LazyBeans<StreamElementHandler> streamElementHandlers;
    private final C2sMetrics metrics;
    private final StreamManagement streamManagement;
    private final NodeCapacity capacity;
    private final SecureRandom random = new SecureRandom();

    public C2sServices(TandemProperties tandem, C2sProperties properties, TlsProperties tls, SaslMechanisms sasl,
                       CredentialLookup credentials, LoginThrottle throttle, SessionRegistry sessions,
                       ObjectProvider<StanzaRouter> router, ObjectProvider<XmppFeature> features,
                       ObjectProvider<PreAuthIqHandler> preAuthHandlers, ObjectProvider<SessionListener> listeners,
                       ObjectProvider<StreamElementHandler> streamElementHandlers, C2sMetrics metrics,
                       StreamManagement streamManagement, NodeCapacity capacity) {
        this.domain = Jid.domain(tandem.domain());
        this.properties = properties;
        this.allowPlaintextAuth = tls.allowPlaintextAuth();
        this.sasl = sasl;
        this.credentials = credentials;
        this.throttle = throttle;
        this.sessions = sessions;
        this.router = router;
        this.features = LazyBeans.of(features);
        this.preAuthHandlers = LazyBeans.of(preAuthHandlers);
        this.listeners = LazyBeans.of(listeners);
        this.streamElementHandlers = LazyBeans.of(streamElementHandlers);
        this.metrics = metrics;
        this.streamManagement = streamManagement;
        this.capacity = capacity;
    }

    public Jid domain() {
        return domain;
    }

    public C2sProperties properties() {
        return properties;
    }

    public boolean allowPlaintextAuth() {
        return allowPlaintextAuth;
    }

    public SaslMechanisms sasl() {
        return sasl;
    }

    public CredentialLookup credentials() {
        return credentials;
    }

    public LoginThrottle throttle() {
        return throttle;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public StanzaRouter router() {
        return router.getObject();
    }

    public List<XmppFeature> features() {
        return features.get();
    }

    public C2sMetrics metrics() {
        return metrics;
    }

    public StreamManagement streamManagement() {
        return streamManagement;
    }

    public NodeCapacity capacity() {
        return capacity;
    }

    PreAuthIqHandler preAuthHandler(Element payload) {
        return preAuthHandlers.get().stream()
                .filter(h -> h.element().equals(payload.name()) && h.namespace().equals(payload.namespace()))
                .findFirst().orElse(null);
    }

    StreamElementHandler streamElementHandler(Element element) {
        return streamElementHandlers.get().stream()
                .filter(h -> h.namespace().equals(element.namespace()))
                .findFirst().orElse(null);
    }

    /** A fresh unguessable stream id (also used for server-generated iq ids). */
    public String newStreamId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A server-generated resource for clients that do not choose one. */
    public String newResource() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return "tandem-" + HexFormat.of().formatHex(bytes);
    }

    Mono<Void> sessionStarted(ClientSession session) {
        return Flux.fromIterable(listeners.get())
                .concatMap(l -> l.sessionStarted(session)
                        .onErrorResume(e -> {
                            log.warn("{} failed on start of {}", l.getClass().getSimpleName(), session, e);
                            return Mono.empty();
                        }))
                .then();
    }

    /** Shutdown: every bound session gets {@code system-shutdown} (RFC 6120 4.9.3.22). */
    public void closeAllStreams() {
        for (ClientSession session : sessions.all()) {
            session.close(im.tandem.stanza.StreamError.of(im.tandem.stanza.StreamErrorCondition.SYSTEM_SHUTDOWN,
                    "the server is shutting down"));
        }
    }

    Mono<Void> sessionResumed(ClientSession session) {
        return Flux.fromIterable(listeners.get())
                .concatMap(l -> l.sessionResumed(session)
                        .onErrorResume(e -> {
                            log.warn("{} failed on resumption of {}", l.getClass().getSimpleName(), session, e);
                            return Mono.empty();
                        }))
                .then();
    }

    /** Runs {@code first} (redelivery of what the session never acknowledged), then every listener's end. */
    void sessionEnded(ClientSession session, Mono<Void> first) {
        first.onErrorResume(e -> {
                    log.warn("redelivery for {} failed", session, e);
                    return Mono.empty();
                })
                .thenMany(Flux.fromIterable(listeners.get()))
                .concatMap(l -> l.sessionEnded(session)
                        .onErrorResume(e -> {
                            log.warn("{} failed on end of {}", l.getClass().getSimpleName(), session, e);
                            return Mono.empty();
                        }))
                .subscribe();
    }
}
