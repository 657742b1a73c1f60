package im.tandem.session;

import im.tandem.stanza.Jid;
import im.tandem.stanza.StreamError;
import im.tandem.xml.Element;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * One authenticated, resource-bound client stream (a full JID). Features keep their own
 * state on it under {@link SessionKey}s; routing reads the RFC 6121 presence state held here.
 */
public final class ClientSession {

    private final String streamId;
    private final Jid jid;
    private volatile InetSocketAddress remoteAddress;
    private volatile InetSocketAddress edgeAddress;
    private final boolean secure;
    private final Instant since;
    private final ConcurrentMap<SessionKey<?>, Object> state = new ConcurrentHashMap<>();

    private volatile Element presence;
    private volatile int priority;
    private volatile boolean rosterRequested;
    private volatile OutboundGate gate;
    private volatile StreamOutput output;

    public ClientSession(String streamId, Jid jid, StreamOutput output, InetSocketAddress remoteAddress,
                         boolean secure, Instant since) {
        if (!jid.isFull()) {
            throw new IllegalArgumentException("a session needs a full JID: " + jid);
        }
        this.streamId = streamId;
        this.jid = jid;
        this.output = output;
        this.remoteAddress = remoteAddress;
        this.secure = secure;
        this.since = since;
    }

    public String streamId() {
        return streamId;
    }

    public Jid jid() {
        return jid;
    }

    public Jid bareJid() {
        return jid.bare();
    }

    public String username() {
        return jid.local();
    }

    /** The client's address: for a connection through an edge, the one the edge's PROXY header named. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The edge (PROXY protocol) the current connection came through, or null for a direct one. */
    public InetSocketAddress edgeAddress() {
        return edgeAddress;
    }

    /** The session continues on a new connection (a stream resumption), perhaps from elsewhere. */
    public void connectedFrom(InetSocketAddress remote, InetSocketAddress edge) {
        this.remoteAddress = remote;
        this.edgeAddress = edge;
    }

    public boolean isSecure() {
        return secure;
    }

    public Instant since() {
        return since;
    }

    /** Sends a stanza to the client, through the session's {@link OutboundGate} if one is installed. */
    public void send(Element stanza) {
        send(stanza, List.of());
    }

    /**
     * Sends one copy of a one-to-one message; {@code copies} are the user's other sessions that
     * got a copy in the same delivery (see {@link OutboundGate#offer}).
     */
    public void send(Element stanza, List<ClientSession> copies) {
        OutboundGate current = gate;
        if (current == null || !current.offer(this, stanza, copies)) {
            output.send(stanza, copies);
        }
    }

    /** Writes to the connection now, past any gate: for the gate's own flushes. */
    public void write(Element stanza) {
        output.send(stanza);
    }

    /** {@link #write(Element)} for a held one-to-one message and the sessions that got it too. */
    public void write(Element stanza, List<ClientSession> copies) {
        output.send(stanza, copies);
    }

    /**
     * Replaces where stanzas go: stream management puts its managed stream between the session
     * and the connection, so that a session can outlive one connection.
     */
    public void output(StreamOutput newOutput) {
        this.output = newOutput;
    }

    /** Installs (or, with null, removes) the gate that outbound stanzas pass through. */
    public void gate(OutboundGate newGate) {
        this.gate = newGate;
    }

    public void close(StreamError error) {
        output.close(error);
    }

    public boolean isOpen() {
        return output.isOpen();
    }

    /** The last available presence the client broadcast, or null before initial presence or after unavailable. */
    public Element presence() {
        return presence;
    }

    /** Records broadcast presence; unavailable presence is recorded as null. */
    public void updatePresence(Element availablePresence, int newPriority) {
        this.presence = availablePresence;
        this.priority = availablePresence == null ? 0 : newPriority;
    }

    /** An available resource in the sense of RFC 6121: it has sent initial presence. */
    public boolean isAvailable() {
        return presence != null;
    }

    public int priority() {
        return priority;
    }

    /** An interested resource (RFC 6121 section 2.1.6): it has requested the roster. */
    public boolean isRosterRequested() {
        return rosterRequested;
    }

    public void markRosterRequested() {
        this.rosterRequested = true;
    }

    public <T> T get(SessionKey<T> key) {
        return key.cast(state.get(key));
    }

    public <T> void put(SessionKey<T> key, T value) {
        if (value == null) {
            state.remove(key);
        } else {
            state.put(key, value);
        }
    }

    public <T> T computeIfAbsent(SessionKey<T> key, Function<SessionKey<T>, T> factory) {
        return key.cast(state.computeIfAbsent(key, k -> factory.apply(key)));
    }

    public <T> T remove(SessionKey<T> key) {
        return key.cast(state.remove(key));
    }

    @Override
    public String toString() {
        return "ClientSession[" + jid + "]";
    }
}
