package im.tandem.c2s;

import im.tandem.c2s.sm.ManagedStream;
import im.tandem.c2s.sm.StreamManagement;
import im.tandem.sasl.SaslNegotiation;
import im.tandem.sasl.SaslStep;
import im.tandem.session.ClientSession;
import im.tandem.session.StreamOutput;
import im.tandem.stanza.Jid;
import im.tandem.stanza.JidFormatException;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.stanza.StreamError;
import im.tandem.stanza.StreamErrorCondition;
import im.tandem.transport.KeepaliveHandler;
import im.tandem.transport.StreamEvent;
import im.tandem.xml.Element;
import im.tandem.xml.XmlWriter;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One client-to-server stream as an explicit state machine (RFC 6120 sections 4 to 7).
 * Events arrive one at a time (the connection's mailbox); {@link #send} and {@link #close}
 * may be called from any thread.
 *
 * <pre>
 * WAIT_FOR_STREAM --header--> WAIT_FOR_FEATURES_BEFORE_AUTH --starttls--> WAIT_FOR_STREAM (secure)
 *                                                           --auth-----> SASL --success--> WAIT_FOR_STREAM (authenticated)
 * WAIT_FOR_STREAM (authenticated) --header--> WAIT_FOR_BIND --bind--> ESTABLISHED
 *                                                           --resume (XEP-0198)--> ESTABLISHED (an earlier session)
 * any state --error, close, timeout--> CLOSED
 * </pre>
 *
 * With stream management enabled the session's output is a {@link ManagedStream} that this
 * stream carries for now: a connection that drops without {@code </stream>} leaves the session
 * hibernating for a later stream to resume.
 */
public final class ClientStream implements StreamOutput, KeepaliveHandler.IdlePeer, ManagedStream.Connection {

    private static final Logger log = LoggerFactory.getLogger(ClientStream.class);

    static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";
    static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String BIND_NS = "urn:ietf:params:xml:ns:xmpp-bind";
    static final String SESSION_NS = "urn:ietf:params:xml:ns:xmpp-session";
    private static final String CLIENT_NS = Stanza.CLIENT_NAMESPACE;

    /** Named states of the stream. */
    public enum State { WAIT_FOR_STREAM, WAIT_FOR_FEATURES_BEFORE_AUTH, SASL, WAIT_FOR_BIND, ESTABLISHED, CLOSED }

    private final StreamTransport transport;
    private final C2sServices services;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean sessionEnded = new AtomicBoolean();
    /** Orders stanza writes against the switch to a managed stream (see {@link #enableStreamManagement}). */
    private final Object writeLock = new Object();

    private volatile State state = State.WAIT_FOR_STREAM;
    private int expectedGeneration;
    private String streamId;
    private String authenticatedUser;
    private SaslNegotiation negotiation;
    private int failedAuthAttempts;
    private volatile ClientSession session;
    private volatile ManagedStream managed;
    /** Whether the session may outlive this connection: true until the server itself ends the stream. */
    private volatile boolean resumableEnd = true;
    private Disposable authTimeout;

    public ClientStream(StreamTransport transport, C2sServices services) {
        this.transport = transport;
        this.services = services;
        this.authTimeout = transport.schedule(services.properties().authTimeout(),
                () -> close(StreamError.of(StreamErrorCondition.CONNECTION_TIMEOUT, "authentication took too long")));
    }

    public State state() {
        return state;
    }

    public ClientSession session() {
        return session;
    }

    /**
     * Handles one decoder event; the returned Mono completes when the next event may be
     * handled. The work itself runs detached from that Mono: when the connection drops, the
     * mailbox is cancelled, but a stanza already accepted (a message on its way to offline
     * storage, a roster change) is still carried out to the end.
     */
    public Mono<Void> handle(StreamEvent event) {
        Mono<Void> work = process(event);
        Sinks.Empty<Void> done = Sinks.empty();
        work.subscribe(null, e -> {
            log.warn("stream {} failed handling {}", streamId, event, e);
            done.tryEmitEmpty();
        }, done::tryEmitEmpty);
        return done.asMono();
    }

    private Mono<Void> process(StreamEvent event) {
        if (state == State.CLOSED || event.generation() != expectedGeneration) {
            return Mono.empty();
        }
        try {
            if (event instanceof StreamEvent.StreamOpen open) {
                return onStreamOpen(open);
            } else if (event instanceof StreamEvent.TopLevel top) {
                services.metrics().bytesIn(top.sizeBytes());
                return onElement(top.element());
            } else if (event instanceof StreamEvent.StreamClose) {
                close(null);
            } else if (event instanceof StreamEvent.StreamFailure failure) {
                close(failure.error());
            }
        } catch (RuntimeException e) {
            log.error("stream {} failed on {}", streamId, event, e);
            close(StreamError.of(StreamErrorCondition.INTERNAL_SERVER_ERROR));
        }
        return Mono.empty();
    }

    private Mono<Void> onStreamOpen(StreamEvent.StreamOpen open) {
        if (state != State.WAIT_FOR_STREAM) {
            close(StreamError.of(StreamErrorCondition.NOT_WELL_FORMED, "stream already open"));
            return Mono.empty();
        }
        streamId = services.newStreamId();
        writeStreamHeader();
        if (!XmlWriter.STREAMS_NAMESPACE.equals(open.namespace()) || !"stream".equals(open.name())) {
            close(StreamError.of(StreamErrorCondition.INVALID_NAMESPACE));
            return Mono.empty();
        }
        if (!CLIENT_NS.equals(open.defaultNamespace())) {
            close(StreamError.of(StreamErrorCondition.INVALID_NAMESPACE, "the content namespace must be jabber:client"));
            return Mono.empty();
        }
        String version = open.attributes().get("version");
        if (version == null || !version.startsWith("1.")) {
            close(StreamError.of(StreamErrorCondition.UNSUPPORTED_VERSION, "XMPP 1.0 streams only"));
            return Mono.empty();
        }
        String to = open.attributes().get("to");
        if (to == null || !Jid.tryParse(to).map(j -> j.equals(services.domain())).orElse(false)) {
            close(StreamError.of(StreamErrorCondition.HOST_UNKNOWN, "this server serves " + services.domain()));
            return Mono.empty();
        }
        Element.Builder features = Element.builder("features", XmlWriter.STREAMS_NAMESPACE);
        if (authenticatedUser == null) {
            boolean secure = transport.isSecure();
            if (!secure) {
                Element.Builder starttls = Element.builder("starttls", TLS_NS);
                if (services.properties().tlsRequired()) {
                    starttls.child("required", TLS_NS);
                }
                features.child(starttls.build());
            }
            if (secure || !services.properties().tlsRequired()) {
                Element.Builder mechanisms = Element.builder("mechanisms", SASL_NS);
                for (String name : services.sasl().advertised(secure, services.allowPlaintextAuth(), false)) {
                    mechanisms.textChild("mechanism", SASL_NS, name);
                }
                features.child(mechanisms.build());
                services.features().forEach(f -> features.children(f.preAuthStreamFeatures()));
            }
            state = State.WAIT_FOR_FEATURES_BEFORE_AUTH;
        } else {
            features.child("bind", BIND_NS);
            features.child(Element.builder("session", SESSION_NS).child("optional", SESSION_NS).build());
            services.features().forEach(f -> features.children(f.postAuthStreamFeatures()));
            state = State.WAIT_FOR_BIND;
        }
        write(features.build());
        return Mono.empty();
    }

    private Mono<Void> onElement(Element element) {
        return switch (state) {
            case WAIT_FOR_FEATURES_BEFORE_AUTH -> beforeAuth(element);
            case SASL -> duringSasl(element);
            case WAIT_FOR_BIND -> beforeBind(element);
            case ESTABLISHED -> established(element);
            default -> {
                close(StreamError.of(StreamErrorCondition.NOT_WELL_FORMED));
                yield Mono.empty();
            }
        };
    }

    private Mono<Void> beforeAuth(Element element) {
        if (element.is("starttls", TLS_NS)) {
            if (transport.isSecure()) {
                transport.write("<failure xmlns='" + TLS_NS + "'/>");
                close(null);
                return Mono.empty();
            }
            expectedGeneration++;
            state = State.WAIT_FOR_STREAM;
            transport.startTls("<proceed xmlns='" + TLS_NS + "'/>");
            return Mono.empty();
        }
        if (element.is("auth", SASL_NS)) {
            return startAuth(element);
        }
        if (element.is("iq", CLIENT_NS) && (transport.isSecure() || !services.properties().tlsRequired())) {
            return preAuthIq(element);
        }
        close(StreamError.of(StreamErrorCondition.NOT_AUTHORIZED, "authenticate first"));
        return Mono.empty();
    }

    private Mono<Void> preAuthIq(Element element) {
        Stanza iq;
        try {
            iq = Stanza.of(element);
        } catch (IllegalArgumentException e) {
            close(StreamError.of(StreamErrorCondition.NOT_AUTHORIZED, "authenticate first"));
            return Mono.empty();
        }
        Element payload = iq.payload();
        var handler = payload == null ? null : services.preAuthHandler(payload);
        if (handler == null || !iq.isIqRequest()) {
            write(iq.errorReply(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE)));
            return Mono.empty();
        }
        return handler.handle(iq, transport.remoteAddress()).doOnNext(this::write).then();
    }

    private Mono<Void> startAuth(Element auth) {
        if (services.properties().tlsRequired() && !transport.isSecure()) {
            saslFailure("encryption-required", null);
            return Mono.empty();
        }
        String address = transport.remoteAddress().getAddress().getHostAddress();
        if (services.throttle().isBlocked(null, address)) {
            saslFailure("temporary-auth-failure", "too many failed logins from this address; try again later");
            return Mono.empty();
        }
        String mechanism = auth.attribute("mechanism");
        var started = mechanism == null ? java.util.Optional.<SaslNegotiation>empty()
                : services.sasl().start(mechanism, services.credentials(), services.domain().domain(), null);
        if (started.isEmpty() || !services.sasl().advertised(transport.isSecure(), services.allowPlaintextAuth(), false)
                .contains(mechanism)) {
            saslFailure("invalid-mechanism", null);
            return Mono.empty();
        }
        negotiation = started.get();
        state = State.SASL;
        // no text means no initial response: the mechanism then asks for one with an empty challenge
        return saslStep(auth.text().trim());
    }

    private Mono<Void> duringSasl(Element element) {
        if (element.is("abort", SASL_NS)) {
            negotiation = null;
            state = State.WAIT_FOR_FEATURES_BEFORE_AUTH;
            saslFailure("aborted", null);
            return Mono.empty();
        }
        if (!element.is("response", SASL_NS)) {
            close(StreamError.of(StreamErrorCondition.NOT_AUTHORIZED, "SASL negotiation in progress"));
            return Mono.empty();
        }
        return saslStep(element.text().trim());
    }

    private Mono<Void> saslStep(String base64) {
        byte[] message;
        try {
            message = base64.isEmpty() || "=".equals(base64) ? new byte[0] : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            state = State.WAIT_FOR_FEATURES_BEFORE_AUTH;
            saslFailure("incorrect-encoding", null);
            return Mono.empty();
        }
        String address = transport.remoteAddress().getAddress().getHostAddress();
        return negotiation.respond(message).doOnNext(step -> {
            if (step instanceof SaslStep.Challenge challenge) {
                transport.write("<challenge xmlns='" + SASL_NS + "'>" + encode(challenge.data()) + "</challenge>");
            } else if (step instanceof SaslStep.Success success) {
                if (services.throttle().isBlocked(success.username(), address)) {
                    // the right password during a lockout still does not get in, but does not extend it either
                    negotiation = null;
                    state = State.WAIT_FOR_FEATURES_BEFORE_AUTH;
                    saslFailure("temporary-auth-failure", "too many failed logins for this account; try again later");
                    return;
                }
                services.throttle().recordSuccess(success.username(), address);
                authenticatedUser = success.username();
                negotiation = null;
                expectedGeneration++;
                state = State.WAIT_FOR_STREAM;
                transport.restartStream("<success xmlns='" + SASL_NS + "'>"
                        + (success.additionalData() == null ? "" : encode(success.additionalData())) + "</success>");
            } else if (step instanceof SaslStep.Failure failure) {
                authFailed(negotiation.claimedUsername(), address, failure.condition().elementName(), failure.text());
            }
        }).then();
    }

    private void authFailed(String username, String address, String condition, String text) {
        services.throttle().recordFailure(username, address);
        services.metrics().authFailure();
        negotiation = null;
        state = State.WAIT_FOR_FEATURES_BEFORE_AUTH;
        saslFailure(condition, text);
        if (++failedAuthAttempts >= services.properties().maxAuthAttempts()) {
            close(StreamError.of(StreamErrorCondition.POLICY_VIOLATION, "too many failed authentication attempts"));
        }
    }

    private void saslFailure(String condition, String text) {
        StringBuilder sb = new StringBuilder("<failure xmlns='").append(SASL_NS).append("'><").append(condition).append("/>");
        if (text != null) {
            sb.append("<text xml:lang='en'>");
            XmlWriter.escapeText(text, sb);
            sb.append("</text>");
        }
        transport.write(sb.append("</failure>").toString());
    }

    private static String encode(byte[] data) {
        return data.length == 0 ? "=" : Base64.getEncoder().encodeToString(data);
    }

    private Mono<Void> beforeBind(Element element) {
        if (ManagedStream.NAMESPACE.equals(element.namespace())) {
            if (element.name().equals("resume")) {
                return resume(element);
            }
            if (!element.name().equals("a")) {
                // XEP-0198 section 3: enabling (and acking) needs a bound resource
                transport.write(StreamManagement.failed("unexpected-request"));
            }
            return Mono.empty();
        }
        if (!element.is("iq", CLIENT_NS)) {
            close(StreamError.of(StreamErrorCondition.NOT_AUTHORIZED, "bind a resource first"));
            return Mono.empty();
        }
        Stanza iq;
        try {
            iq = Stanza.of(element);
        } catch (IllegalArgumentException e) {
            close(StreamError.of(StreamErrorCondition.NOT_AUTHORIZED, "bind a resource first"));
            return Mono.empty();
        }
        Element bind = iq.payload();
        if (!"set".equals(iq.type()) || bind == null || !bind.is("bind", BIND_NS)) {
            write(iq.errorReply(StanzaError.of(StanzaError.Condition.NOT_AUTHORIZED, "bind a resource first")));
            return Mono.empty();
        }
        String requested = bind.childText("resource", BIND_NS);
        Jid full;
        try {
            Jid bare = Jid.of(authenticatedUser, services.domain().domain(), null);
            full = bare.withResource(requested == null || requested.isBlank() ? services.newResource() : requested.trim());
        } catch (JidFormatException e) {
            write(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST, e.getMessage())));
            return Mono.empty();
        }
        if (services.sessions().session(full).isEmpty() && !services.capacity().admit()) {
            close(StreamError.of(StreamErrorCondition.RESOURCE_CONSTRAINT, "this server is at its session capacity ("
                    + services.capacity().limit() + " sessions); try again later"));
            return Mono.empty();
        }
        ClientSession bound = new ClientSession(streamId, full, this, transport.remoteAddress(), transport.isSecure(),
                Instant.now());
        bound.connectedFrom(transport.remoteAddress(), transport.edgeAddress());
        services.sessions().register(bound).ifPresent(old ->
                old.close(StreamError.of(StreamErrorCondition.CONFLICT, "replaced by a new session with the same resource")));
        session = bound;
        state = State.ESTABLISHED;
        if (authTimeout != null) {
            authTimeout.dispose();
            authTimeout = null;
        }
        services.metrics().sessionBound();
        write(Element.builder("iq", CLIENT_NS).attribute("type", "result").attribute("id", iq.id())
                .child(Element.builder("bind", BIND_NS).textChild("jid", BIND_NS, full.toString()).build())
                .build());
        if (closed.get()) {
            // closed while binding: make sure the registry never keeps a dead session
            endSession(false);
            return Mono.empty();
        }
        return services.sessionStarted(bound);
    }

    private Mono<Void> established(Element element) {
        Stanza.Kind kind = Stanza.kindOf(element);
        if (kind == null) {
            if (ManagedStream.NAMESPACE.equals(element.namespace())) {
                streamManagement(element);
                return Mono.empty();
            }
            var handler = services.streamElementHandler(element);
            if (handler != null) {
                return handler.handle(element, session);
            }
            close(StreamError.of(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                    "unsupported element {" + element.namespace() + "}" + element.name()));
            return Mono.empty();
        }
        services.metrics().stanzaIn(kind);
        ManagedStream counting = managed;
        if (counting != null) {
            counting.handled();
        }
        Stanza stanza;
        try {
            stanza = Stanza.of(element);
        } catch (JidFormatException e) {
            if (kind != Stanza.Kind.PRESENCE && !"error".equals(element.attribute("type"))) {
                send(Element.builder(element.name(), CLIENT_NS).attribute("type", "error")
                        .attribute("id", element.attribute("id"))
                        .child(StanzaError.of(StanzaError.Condition.JID_MALFORMED, e.getMessage()).toElement(CLIENT_NS))
                        .build());
            }
            return Mono.empty();
        }
        ClientSession current = session;
        if (stanza.from() != null && !stanza.from().equals(current.jid()) && !stanza.from().equals(current.bareJid())) {
            close(StreamError.of(StreamErrorCondition.INVALID_FROM, "from must be your own address"));
            return Mono.empty();
        }
        stanza = stanza.withFrom(current.jid());
        if (kind == Stanza.Kind.IQ && stanza.payload() != null && stanza.payload().is("session", SESSION_NS)
                && stanza.to() == null) {
            send(stanza.resultReply(null));
            return Mono.empty();
        }
        return services.router().route(stanza, current)
                .onErrorResume(e -> {
                    log.warn("routing failed for {}", element, e);
                    return Mono.empty();
                });
    }

    // --- stream management (XEP-0198) ---------------------------------------------------

    private void streamManagement(Element element) {
        ManagedStream m = managed;
        switch (element.name()) {
            case "enable" -> {
                if (m != null) {
                    transport.write(StreamManagement.failed("unexpected-request"));
                } else if (!services.streamManagement().enabled()) {
                    transport.write(StreamManagement.failed("feature-not-implemented"));
                } else {
                    enableStreamManagement(element);
                }
            }
            case "r" -> transport.write(m == null ? StreamManagement.failed("unexpected-request") : m.ackElement());
            case "a" -> {
                if (m == null) {
                    return;
                }
                Long h = StreamManagement.parseUnsignedInt(element.attribute("h"));
                if (h == null) {
                    close(StreamError.of(StreamErrorCondition.INVALID_XML, "h must be an unsigned 32-bit number"));
                } else if (!m.acknowledge(h)) {
                    handledTooHigh(m, h);
                }
            }
            case "resume" -> transport.write(StreamManagement.failed("unexpected-request"));
            default -> close(StreamError.of(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                    "unsupported element {" + element.namespace() + "}" + element.name()));
        }
    }

    /**
     * From here on the session's stanzas go through a managed stream. Stanzas already on their
     * way to this stream's {@link #send} wait for the lock and then take the managed path, so
     * nothing written after {@code <enabled/>} goes uncounted.
     */
    private void enableStreamManagement(Element enable) {
        ClientSession current = session;
        ManagedStream m = services.streamManagement().enable(current, this, enable);
        synchronized (writeLock) {
            managed = m;
            transport.write(services.streamManagement().enabledElement(m));
            current.output(m);
        }
    }

    private void handledTooHigh(ManagedStream m, long h) {
        closeWith("<stream:error><undefined-condition xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "<handled-count-too-high xmlns='" + ManagedStream.NAMESPACE + "' h='" + h + "' send-count='"
                + m.sentCount() + "'/></stream:error>", StreamErrorCondition.UNDEFINED_CONDITION);
    }

    private Mono<Void> resume(Element resume) {
        Long h = StreamManagement.parseUnsignedInt(resume.attribute("h"));
        ManagedStream m = h == null ? null : services.streamManagement().find(authenticatedUser, resume.attribute("previd"));
        if (m == null) {
            transport.write(StreamManagement.failed("item-not-found"));
            return Mono.empty();
        }
        ClientSession resumed = m.session();
        synchronized (writeLock) {
            managed = m;
        }
        session = resumed;
        String failure = services.streamManagement().resume(m, this, h);
        if (failure != null) {
            synchronized (writeLock) {
                managed = null;
            }
            session = null;
            transport.write(failure);
            return Mono.empty();
        }
        state = State.ESTABLISHED;
        if (authTimeout != null) {
            authTimeout.dispose();
            authTimeout = null;
        }
        resumed.connectedFrom(transport.remoteAddress(), transport.edgeAddress());
        ManagedStream.Connection replaced = m.takeReplaced();
        if (replaced != null) {
            replaced.close(StreamError.of(StreamErrorCondition.CONFLICT, "the session was resumed on another connection"));
        }
        if (closed.get()) {
            // this connection dropped while resuming: the session hibernates again
            endSession(true);
            return Mono.empty();
        }
        return services.sessionResumed(resumed);
    }

    @Override
    public boolean writeStanza(Element stanza) {
        if (closed.get()) {
            return false;
        }
        transport.write(XmlWriter.toXml(stanza, CLIENT_NS));
        services.metrics().stanzaOut(stanza);
        return transport.pendingBytes() > services.properties().maxSendQueue().toBytes();
    }

    @Override
    public void writeNonza(String xml) {
        if (!closed.get()) {
            transport.write(xml);
        }
    }

    /** Inbound silence: ask an established client whether it is still there (XEP-0199). */
    @Override
    public void pingPeer() {
        ClientSession current = session;
        if (state == State.ESTABLISHED && current != null) {
            send(Element.builder("iq", CLIENT_NS).attribute("type", "get").attribute("id", services.newStreamId())
                    .attribute("from", services.domain().toString()).attribute("to", current.jid().toString())
                    .child("ping", "urn:xmpp:ping").build());
        }
    }

    /** Inbound silence after a ping: the client is gone. Before binding the auth timeout applies. */
    @Override
    public void idleTimeout() {
        if (state == State.ESTABLISHED) {
            close(StreamError.of(StreamErrorCondition.CONNECTION_TIMEOUT, "no traffic from the client"));
        }
    }

    // --- output -------------------------------------------------------------------------

    private void writeStreamHeader() {
        transport.write("<?xml version='1.0'?><stream:stream xmlns='" + CLIENT_NS
                + "' xmlns:stream='" + XmlWriter.STREAMS_NAMESPACE + "' id='" + streamId + "' from='"
                + services.domain() + "' version='1.0' xml:lang='en'>");
    }

    private void write(Element element) {
        transport.write(XmlWriter.toXml(element, CLIENT_NS));
    }

    @Override
    public void send(Element stanza) {
        ManagedStream m;
        boolean slow = false;
        synchronized (writeLock) {
            m = managed;
            if (m == null) {
                slow = writeStanza(stanza);
            }
        }
        if (m != null) {
            m.send(stanza);
        } else if (slow) {
            close(StreamError.of(StreamErrorCondition.POLICY_VIOLATION, "the client does not read its stream"));
        }
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    /** Ends the stream: an optional stream error, the closing tag, then the connection. */
    @Override
    public void close(StreamError error) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (streamId == null) {
            // RFC 6120 4.9.1.1: an error before the header still needs a header
            streamId = services.newStreamId();
            writeStreamHeader();
        }
        if (error != null) {
            services.metrics().streamError(error.condition());
            transport.write(XmlWriter.toXml(error.toElement(), CLIENT_NS));
        }
        // a client gone silent may be on a dead network and come back: that session may be resumed.
        // Decided before closing: closing the channel reports the connection lost right away.
        resumableEnd = error != null && error.condition() == StreamErrorCondition.CONNECTION_TIMEOUT;
        transport.write("</stream:stream>");
        transport.close();
        endSession(resumableEnd);
    }

    /** Closes with a stream error that has more than a condition and a text. */
    private void closeWith(String streamErrorXml, StreamErrorCondition condition) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        services.metrics().streamError(condition);
        resumableEnd = false;
        transport.write(streamErrorXml);
        transport.write("</stream:stream>");
        transport.close();
        endSession(false);
    }

    /** The connection went away (peer closed, network failure): end without writing. */
    public void connectionLost() {
        closed.set(true);
        endSession(resumableEnd);
    }

    /**
     * This stream is over. Its session ends too, unless stream management keeps it: hibernating
     * after a network loss, or already carried by the stream that resumed it.
     */
    private void endSession(boolean resumableLoss) {
        state = State.CLOSED;
        if (authTimeout != null) {
            authTimeout.dispose();
        }
        ManagedStream m = managed;
        if (session != null && m != null && m.detach(this, resumableLoss)) {
            return;
        }
        finishSession();
    }

    @Override
    public void finishSession() {
        ClientSession ended = session;
        // a session replaced by a newer one with the same resource is already out of the
        // registry, but its listeners (unavailable presence, held messages) must still run
        if (ended != null && sessionEnded.compareAndSet(false, true)) {
            services.sessions().unregister(ended);
            ManagedStream m = managed;
            Mono<Void> unacked = m == null ? Mono.empty() : services.streamManagement().strand(ended, m.takeUnacked());
            services.sessionEnded(ended, unacked);
        }
    }
}
