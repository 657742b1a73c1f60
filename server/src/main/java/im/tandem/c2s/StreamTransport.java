package im.tandem.c2s;

import java.net.InetSocketAddress;
import java.time.Duration;
import reactor.core.Disposable;

/**
 * The connection under a {@link ClientStream}: the state machine talks only to this, so it
 * can be driven in tests without sockets.
 */
public interface StreamTransport {

    /** Queues serialized XML for the peer; never blocks. */
    void write(String xml);

    /** Bytes written but not yet accepted by the socket. */
    long pendingBytes();

    /**
     * Writes {@code proceed}, then puts TLS in front of the XML decoder and resets it, with
     * no read in between, so nothing sent in plaintext after the request is ever parsed.
     */
    void startTls(String proceed);

    /**
     * Discards decoder state for a stream restart, then writes {@code success}: the peer can
     * open the new stream only after it has read it, so no byte of the new stream can reach
     * the old parser state.
     */
    void restartStream(String success);

    boolean isSecure();

    /** RFC 5929 tls-server-end-point data of the TLS session, or null without TLS. */
    byte[] tlsServerEndPoint();

    /** The client's address; through a trusted edge, the one its PROXY protocol header named. */
    InetSocketAddress remoteAddress();

    /** The trusted edge this connection came through (PROXY protocol), or null for a direct connection. */
    default InetSocketAddress edgeAddress() {
        return null;
    }

    /** Runs {@code task} on the connection's thread after {@code delay}. */
    Disposable schedule(Duration delay, Runnable task);

    /** Closes the connection once everything queued has been written. */
    void close();
}
