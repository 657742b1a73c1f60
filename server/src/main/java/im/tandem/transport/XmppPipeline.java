package im.tandem.transport;

/**
 * Names of the handlers Tandem adds to a client connection's Netty pipeline, in order:
 *
 * <pre>
 *  socket
 *    |  [reactor.left.sslHandler]  direct TLS port only (Reactor Netty's own)
 *    |  TLS                        added by STARTTLS, just before the decoder
 *    |  IDLE                       reader/writer idle events
 *    |  KEEPALIVE                  whitespace keepalive, ping, idle timeout
 *    v  DECODER                    bytes to {@link StreamEvent}s
 *  Reactor Netty's bridge, then the {@code ClientStream} mailbox
 * </pre>
 */
public final class XmppPipeline {

    public static final String TLS = "tandem.tls";
    public static final String IDLE = "tandem.idle";
    public static final String KEEPALIVE = "tandem.keepalive";
    public static final String DECODER = "tandem.decoder";

    private XmppPipeline() {
    }
}
