package im.tandem.component;

import im.tandem.c2s.StreamTransport;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StreamError;
import im.tandem.stanza.StreamErrorCondition;
import im.tandem.transport.KeepaliveHandler;
import im.tandem.transport.StreamEvent;
import im.tandem.xml.Element;
import im.tandem.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * One external component connection (XEP-0114) as a state machine: {@code WAIT_FOR_STREAM}
 * (the header names the component's domain), {@code WAIT_FOR_HANDSHAKE} (SHA-1 of stream id
 * and shared secret, within the handshake timeout, failures throttled per address),
 * {@code ESTABLISHED} (stanzas both ways), {@code CLOSED}. Stanzas arrive in
 * {@code jabber:component:accept} and are handled inside the server as {@code jabber:client}.
 */
final class ComponentStream implements KeepaliveHandler.IdlePeer {

    static final String NAMESPACE = "jabber:component:accept";

    enum State { WAIT_FOR_STREAM, WAIT_FOR_HANDSHAKE, ESTABLISHED, CLOSED }

    private static final Logger log = LoggerFactory.getLogger(ComponentStream.class);

    private final StreamTransport transport;
    private final ExternalComponents components;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile State state = State.WAIT_FOR_STREAM;
    private volatile String streamId;
    private volatile ComponentProperties.Definition definition;
    private volatile Disposable handshakeTimeout;

    ComponentStream(StreamTransport transport, ExternalComponents components) {
        this.transport = transport;
        this.components = components;
        this.handshakeTimeout = transport.schedule(components.properties().handshakeTimeout(), () -> {
            if (state != State.ESTABLISHED) {
                close(StreamError.of(StreamErrorCondition.CONNECTION_TIMEOUT, "no handshake in time"));
            }
        });
    }

    State state() {
        return state;
    }

    /** The domain this component serves, once its stream header named one we know. */
    String domain() {
        ComponentProperties.Definition d = definition;
        return d == null ? null : d.domain();
    }

    boolean isGateway() {
        ComponentProperties.Definition d = definition;
        return d != null && d.gateway();
    }

    String remoteAddress() {
        var remote = transport.remoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    Mono<Void> handle(StreamEvent event) {
        if (state == State.CLOSED) {
            return Mono.empty();
        }
        try {
            if (event instanceof StreamEvent.StreamOpen open) {
                onStreamOpen(open);
            } else if (event instanceof StreamEvent.TopLevel top) {
                return onElement(top.element());
            } else if (event instanceof StreamEvent.StreamClose) {
                close(null);
            } else if (event instanceof StreamEvent.StreamFailure failure) {
                close(failure.error());
            }
        } catch (RuntimeException e) {
            log.error("component stream {} failed on {}", streamId, event, e);
            close(StreamError.of(StreamErrorCondition.INTERNAL_SERVER_ERROR));
        }
        return Mono.empty();
    }

    private void onStreamOpen(StreamEvent.StreamOpen open) {
        if (state != State.WAIT_FOR_STREAM) {
            close(StreamError.of(StreamErrorCondition.NOT_WELL_FORMED, "stream already open"));
            return;
        }
        streamId = components.newStreamId();
        String to = open.attributes().get("to");
        ComponentProperties.Definition found = components.properties().find(to);
        writeHeader(found == null ? components.serverDomain() : found.domain());
        if (!XmlWriter.STREAMS_NAMESPACE.equals(open.namespace()) || !"stream".equals(open.name())
                || !NAMESPACE.equals(open.defaultNamespace())) {
            close(StreamError.of(StreamErrorCondition.INVALID_NAMESPACE, "a component stream is in " + NAMESPACE));
            return;
        }
        if (found == null) {
            close(StreamError.of(StreamErrorCondition.HOST_UNKNOWN, "no component is configured for that domain"));
            return;
        }
        definition = found;
        state = State.WAIT_FOR_HANDSHAKE;
    }

    private Mono<Void> onElement(Element element) {
        if (state == State.WAIT_FOR_HANDSHAKE) {
            if (!element.is("handshake", NAMESPACE)) {
                close(StreamError.of(StreamErrorCondition.NOT_AUTHORIZED, "handshake first"));
                return Mono.empty();
            }
            onHandshake(element.text());
            return Mono.empty();
        }
        if (state != State.ESTABLISHED) {
            close(StreamError.of(StreamErrorCondition.NOT_AUTHORIZED));
            return Mono.empty();
        }
        Element stanza = inClientNamespace(element);
        if (Stanza.kindOf(stanza) == null) {
            close(StreamError.of(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "not a stanza: " + element.name()));
            return Mono.empty();
        }
        components.stanzaIn();
        return components.ingress().route(stanza, this).onErrorResume(e -> {
            // one stanza failing (a database error, say) must not end the component's stream
            log.warn("component {}: routing a stanza failed", domain(), e);
            if (!"error".equals(stanza.attribute("type")) && stanza.attribute("from") != null) {
                send(im.tandem.stanza.Stanza.of(stanza).errorReply(im.tandem.stanza.StanzaError.of(
                        im.tandem.stanza.StanzaError.Condition.INTERNAL_SERVER_ERROR)));
            }
            return Mono.empty();
        });
    }

    private void onHandshake(String digest) {
        ComponentProperties.Definition d = definition;
        String address = remoteAddress();
        if (components.throttle().isBlocked(d.domain(), address)) {
            components.handshakeFailed();
            close(StreamError.of(StreamErrorCondition.POLICY_VIOLATION, "too many failed handshakes; try later"));
            return;
        }
        byte[] expected = sha1Hex(streamId + d.secret()).getBytes(StandardCharsets.US_ASCII);
        byte[] given = (digest == null ? "" : digest.trim().toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            components.throttle().recordFailure(d.domain(), address);
            components.handshakeFailed();
            log.warn("component {} from {}: wrong handshake", d.domain(), address);
            close(StreamError.of(StreamErrorCondition.NOT_AUTHORIZED, "wrong handshake"));
            return;
        }
        if (!components.attach(this)) {
            components.handshakeFailed();
            close(StreamError.of(StreamErrorCondition.CONFLICT, d.domain() + " is already connected"));
            return;
        }
        components.throttle().recordSuccess(d.domain(), address);
        state = State.ESTABLISHED;
        cancelHandshakeTimeout();
        transport.write("<handshake/>");
        log.info("component {} connected from {}{}", d.domain(), address, d.gateway() ? " (gateway)" : "");
        components.established(this);
    }

    /** Writes a stanza (in {@code jabber:client}) to the component; drops a component that does not read. */
    void send(Element stanza) {
        if (closed.get()) {
            return;
        }
        transport.write(XmlWriter.toXml(stanza, Stanza.CLIENT_NAMESPACE));
        components.stanzaOut();
        if (transport.pendingBytes() > components.properties().maxSendQueue().toBytes()) {
            close(StreamError.of(StreamErrorCondition.POLICY_VIOLATION, "the component does not read its stream"));
        }
    }

    boolean isOpen() {
        return !closed.get();
    }

    void close(StreamError error) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (streamId == null) {
            streamId = components.newStreamId();
            writeHeader(components.serverDomain());
        }
        if (error != null) {
            transport.write(XmlWriter.toXml(error.toElement(), NAMESPACE));
        }
        transport.write("</stream:stream>");
        transport.close();
        ended();
    }

    /** The connection went away. */
    void connectionLost() {
        if (closed.compareAndSet(false, true)) {
            ended();
        }
    }

    private void ended() {
        state = State.CLOSED;
        cancelHandshakeTimeout();
        components.detach(this);
    }

    @Override
    public void pingPeer() {
        if (state == State.ESTABLISHED) {
            send(Element.builder("iq", Stanza.CLIENT_NAMESPACE).attribute("type", "get")
                    .attribute("id", components.newStreamId()).attribute("from", components.serverDomain())
                    .attribute("to", domain()).child("ping", "urn:xmpp:ping").build());
        }
    }

    @Override
    public void idleTimeout() {
        close(StreamError.of(StreamErrorCondition.CONNECTION_TIMEOUT, "no traffic from the component"));
    }

    private void cancelHandshakeTimeout() {
        Disposable t = handshakeTimeout;
        if (t != null) {
            t.dispose();
            handshakeTimeout = null;
        }
    }

    private void writeHeader(String from) {
        transport.write("<?xml version='1.0'?><stream:stream xmlns='" + NAMESPACE + "' xmlns:stream='"
                + XmlWriter.STREAMS_NAMESPACE + "' id='" + streamId + "' from='" + from + "'>");
    }

    /** The same element with every {@code jabber:component:accept} element moved to {@code jabber:client}. */
    static Element inClientNamespace(Element element) {
        boolean rename = NAMESPACE.equals(element.namespace());
        boolean childChanged = false;
        java.util.List<im.tandem.xml.Node> children = new java.util.ArrayList<>(element.children().size());
        for (im.tandem.xml.Node child : element.children()) {
            if (child instanceof Element e) {
                Element converted = inClientNamespace(e);
                childChanged |= converted != e;
                children.add(converted);
            } else {
                children.add(child);
            }
        }
        if (!rename && !childChanged) {
            return element;
        }
        Element.Builder b = Element.builder(element.name(), rename ? Stanza.CLIENT_NAMESPACE : element.namespace());
        element.attributes().forEach(b::attribute);
        return b.children(children).build();
    }

    static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
