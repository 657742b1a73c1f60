package im.tandem.transport;

/**
 * Names of the handlers Tandem adds to a client connection's Netty pipeline, in order:
 *
 * <pre>
 *  socket
 *    |  PROXY                      connections from trusted edges only, until the PROXY header is read
 *    |  PROXY_HEADER, PROXY_ADDRESS  while a PROXY header is decoded
 *    |  [reactor.left.sslHandler]  direct TLS port only (Reactor Netty's own)
 *    |  TLS                        added by STARTTLS, just before the decoder
 *    |  IDLE                       reader/writer idle events
 *    |  KEEPALIVE                  whitespace keepalive, ping, idle timeout
 *    v  DECODER                    bytes to {@link StreamEvent}s
 *  Reactor Netty's bridge, then the {@code ClientStream} mailbox
 * </pre>
 */
public final class XmppPipeline {

    public static final String PROXY = "tandem.proxy";
    public static final String PROXY_HEADER = "tandem.proxy.header";
    public static final String PROXY_ADDRESS = "tandem.proxy.address";
    public static final String TLS = "tandem.tls";
    public static final String IDLE = "tandem.idle";
    public static final String KEEPALIVE = "tandem.keepalive";
    public static final String DECODER = "tandem.decoder";

    private XmppPipeline() {
    }
}
