package im.tandem.c2s.sm;

import im.tandem.session.ClientSession;
import im.tandem.session.StreamOutput;
import im.tandem.stanza.Delay;
import im.tandem.stanza.StreamError;
import im.tandem.stanza.StreamErrorCondition;
import im.tandem.xml.Element;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbound side of a session with stream management enabled: every stanza for the session
 * is numbered and kept until the client acknowledges it. It sits between the session and the
 * connection that carries it for now, so the session can lose its connection (hibernate), keep
 * receiving stanzas, and continue on a new connection that resumes it.
 *
 * <p>One monitor orders everything that reaches the wire: numbering, writing, acknowledgement
 * requests, the switch to a new connection. Nothing is called on other sessions while it is
 * held (closing and redelivery happen after it is released).
 */
public final class ManagedStream implements StreamOutput {

    public static final String NAMESPACE = "urn:xmpp:sm:3";
    static final String ACK_REQUEST = "<r xmlns='" + NAMESPACE + "'/>";
    /** h counts modulo 2^32 (XEP-0198 section 4: an xs:unsignedInt that wraps). */
    static final long H_MODULUS = 1L << 32;

    /** The connection that carries the session for now; the client stream. */
    public interface Connection {

        /** Writes a stanza; true if the client has fallen so far behind reading that it must be closed. */
        boolean writeStanza(Element stanza);

        /** Writes a stream management element (not counted: it is no stanza). */
        void writeNonza(String xml);

        /** Closes the connection with an optional stream error; it then {@linkplain #detach detaches}. */
        void close(StreamError error);

        /** Ends the session for good: out of the registry, its listeners run, unacknowledged stanzas redelivered. */
        void finishSession();
    }

    /** A stanza written (or waiting for a resumption to be written) that the client has not acknowledged. */
    public record Unacked(Element stanza, Instant at, List<ClientSession> copies) {
    }

    /** How a resumption went. */
    enum Resumed { RESUMED, GONE, HANDLED_TOO_HIGH }

    private final String id;
    private final ClientSession session;
    private final boolean resumable;
    private final Duration resumeTimeout;
    private final StreamManagement owner;
    private final ArrayDeque<Unacked> unacked = new ArrayDeque<>();
    /** While hibernating: how many of {@link #unacked} had been written before the connection dropped. */
    private int writtenBeforeDetach;

    private Connection connection;
    private Connection lastConnection;
    private Connection replaced;
    private long handled;
    private long acknowledged;
    private boolean ackRequested;
    private Instant ackRequestedAt;
    private volatile boolean ended;
    private Instant detachedAt;

    ManagedStream(String id, ClientSession session, Connection connection, boolean resumable, Duration resumeTimeout,
                  StreamManagement owner) {
        this.id = id;
        this.session = session;
        this.connection = connection;
        this.lastConnection = connection;
        this.resumable = resumable;
        this.resumeTimeout = resumeTimeout;
        this.owner = owner;
    }

    public String id() {
        return id;
    }

    public ClientSession session() {
        return session;
    }

    public boolean resumable() {
        return resumable;
    }

    Duration resumeTimeout() {
        return resumeTimeout;
    }

    @Override
    public void send(Element stanza) {
        send(stanza, List.of());
    }

    @Override
    public void send(Element stanza, List<ClientSession> copies) {
        Unacked entry = new Unacked(stanza, owner.now(), copies);
        Connection slow = null;
        boolean overflow = false;
        boolean taken = false;
        boolean queued = false;
        synchronized (this) {
            if (!ended) {
                taken = true;
                queued = connection == null;
                if (queued) {
                    dropUnwrittenPresenceLike(stanza);
                }
                unacked.addLast(entry);
                if (connection != null) {
                    if (connection.writeStanza(stanza)) {
                        slow = connection;
                    } else {
                        requestAck();
                    }
                }
                overflow = overLimit();
            }
        }
        if (!taken) {
            // the session is ending: this one goes where its other unacknowledged stanzas went
            owner.strand(session, List.of(entry)).subscribe();
        } else if (slow != null) {
            slow.close(StreamError.of(StreamErrorCondition.POLICY_VIOLATION, "the client does not read its stream"));
        } else if (overflow) {
            close(StreamError.of(StreamErrorCondition.RESOURCE_CONSTRAINT, "too many unacknowledged stanzas"));
        } else if (queued) {
            owner.queued(this, stanza);
        }
    }

    /**
     * A hibernating session (a phantom may hibernate for days) keeps only the newest
     * availability presence of each contact among what it has not written yet: presence is
     * state, and a busy roster would otherwise fill the queue and end the session. Subscription
     * requests and everything else are kept. Caller holds the monitor.
     */
    private void dropUnwrittenPresenceLike(Element stanza) {
        String from = stanza.attribute("from");
        if (!isAvailability(stanza) || from == null) {
            return;
        }
        int unwritten = unacked.size() - writtenBeforeDetach;
        var it = unacked.descendingIterator();
        for (int i = 0; i < unwritten && it.hasNext(); i++) {
            Element older = it.next().stanza();
            if (isAvailability(older) && from.equals(older.attribute("from"))) {
                it.remove();
                return;
            }
        }
    }

    private static boolean isAvailability(Element stanza) {
        if (!"presence".equals(stanza.name())) {
            return false;
        }
        String type = stanza.attribute("type");
        return type == null || "unavailable".equals(type);
    }

    /** Asks for an acknowledgement unless one is outstanding: at most one {@code <r/>} per round trip. */
    private void requestAck() {
        if (!ackRequested && connection != null) {
            ackRequested = true;
            ackRequestedAt = owner.now();
            connection.writeNonza(ACK_REQUEST);
        }
    }

    /**
     * Whether the session holds more unacknowledged stanzas than it may. A connected client
     * that answers its acknowledgement requests may run past {@code max-unacked} for a while (a
     * burst, the offline messages at login: its answers lag one round trip); one that leaves a
     * request unanswered for {@code ack-timeout}, a hibernating session, or anything past four
     * times the limit may not. Caller holds the monitor.
     */
    private boolean overLimit() {
        int max = owner.maxUnacked();
        if (unacked.size() <= max) {
            return false;
        }
        if (connection == null || unacked.size() > 4 * max) {
            return true;
        }
        return ackRequested && !ackRequestedAt.plus(owner.ackTimeout()).isAfter(owner.now());
    }

    /** The client sent a stanza (XEP-0198's "handled" count, reported in {@code <a h=.../>}). */
    public synchronized void handled() {
        handled++;
    }

    /** Stanzas received from the client so far, modulo 2^32. */
    public synchronized long handledCount() {
        return handled % H_MODULUS;
    }

    /** The answer to the client's {@code <r/>}. */
    public String ackElement() {
        return "<a xmlns='" + NAMESPACE + "' h='" + handledCount() + "'/>";
    }

    /** Stanzas sent to the client so far, modulo 2^32. */
    public synchronized long sentCount() {
        return (acknowledged + unacked.size()) % H_MODULUS;
    }

    /**
     * The client's {@code <a h=.../>}: everything up to h is delivered and forgotten. False if h
     * acknowledges stanzas never sent (the caller ends the stream with {@code undefined-condition}).
     */
    public synchronized boolean acknowledge(long h) {
        if (!forget(h)) {
            return false;
        }
        ackRequested = false;
        if (!unacked.isEmpty()) {
            // stanzas written after the request this answers: ask again rather than leave them open
            requestAck();
        }
        return true;
    }

    private boolean forget(long h) {
        long newlyAcked = Math.floorMod(h - acknowledged, H_MODULUS);
        if (newlyAcked > unacked.size()) {
            return false;
        }
        for (long i = 0; i < newlyAcked; i++) {
            unacked.removeFirst();
        }
        acknowledged += newlyAcked;
        return true;
    }

    /**
     * The connection {@code from} went away. True if the session lives on: it waits for a
     * resumption ({@code resumableLoss}: the network failed, no {@code </stream>} and no stream
     * error of ours), or another connection already carries it. False if it has to end now.
     */
    public boolean detach(Connection from, boolean resumableLoss) {
        synchronized (this) {
            if (connection != from) {
                // resumed elsewhere, or this connection already detached (and decided) before
                return true;
            }
            connection = null;
            ackRequested = false;
            if (!ended && resumable && resumableLoss) {
                detachedAt = owner.now();
                writtenBeforeDetach = unacked.size();
                owner.hibernating(this);
                return true;
            }
            ended = true;
        }
        owner.forget(this);
        return false;
    }

    /**
     * Ends the session (a conflict, an administrator, shutdown, too many unacknowledged stanzas):
     * not resumable. A connected session closes its connection with the error; a hibernating one
     * ends right away.
     */
    @Override
    public void close(StreamError error) {
        Connection current;
        Connection last;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            current = connection;
            last = lastConnection;
        }
        owner.forget(this);
        if (current != null) {
            current.close(error);
        } else {
            last.finishSession();
        }
    }

    @Override
    public boolean isOpen() {
        return !ended;
    }

    /** Hibernating: no connection carries the session now. */
    public synchronized boolean isHibernating() {
        return !ended && connection == null;
    }

    /** When the session lost its connection, or null while connected. */
    synchronized Instant detachedAt() {
        return detachedAt;
    }

    /** The session is over: what the client never acknowledged, oldest first, for redelivery. */
    public synchronized List<Unacked> takeUnacked() {
        ended = true;
        List<Unacked> all = new ArrayList<>(unacked);
        unacked.clear();
        return all;
    }

    /**
     * Moves the session to {@code to}: {@code <resumed/>} with what the server handled, then every
     * stanza the client did not acknowledge (with h), in order. A connection still attached is
     * remembered in {@link #takeReplaced()} for the caller to close.
     */
    Resumed resumeOn(Connection to, long h) {
        synchronized (this) {
            if (ended) {
                return Resumed.GONE;
            }
            if (!forget(h)) {
                return Resumed.HANDLED_TOO_HIGH;
            }
            replaced = connection;
            connection = to;
            lastConnection = to;
            detachedAt = null;
            ackRequested = false;
            to.writeNonza("<resumed xmlns='" + NAMESPACE + "' h='" + handled % H_MODULUS + "' previd='" + id + "'/>");
            for (Unacked u : unacked) {
                to.writeStanza(u.stanza().name().equals("message") ? Delay.stamped(u.stanza(), owner.domain(), u.at())
                        : u.stanza());
            }
            if (!unacked.isEmpty()) {
                requestAck();
            }
        }
        owner.resumed(this);
        return Resumed.RESUMED;
    }

    /** The connection that carried the session when it was resumed elsewhere, once; null if none. */
    public synchronized Connection takeReplaced() {
        Connection r = replaced;
        replaced = null;
        return r;
    }

    /** Ends a hibernating session whose resumption window has passed; false if it was resumed or ended meanwhile. */
    boolean expire(Instant now) {
        Connection last;
        synchronized (this) {
            if (ended || connection != null || detachedAt == null || detachedAt.plus(owner.lifetime(this)).isAfter(now)) {
                return false;
            }
            ended = true;
            last = lastConnection;
        }
        owner.forget(this);
        last.finishSession();
        return true;
    }

    @Override
    public String toString() {
        return "ManagedStream[" + session.jid() + "]";
    }
}
