package im.tandem.transport;

import im.tandem.c2s.C2sProperties;
import im.tandem.c2s.C2sServices;
import im.tandem.c2s.ClientStream;
import im.tandem.session.NetworkRange;
import im.tandem.session.SessionProperties;
import im.tandem.tls.ServerTls;
import im.tandem.xml.XmlLimits;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * The client listeners: STARTTLS on {@code tandem.c2s.port} and direct TLS (XEP-0368) on
 * {@code tandem.c2s.direct-tls-port}. Each connection gets its own decoder, keepalive and
 * {@link ClientStream} (and, from a trusted edge, a {@link ProxyProtocolHandler}); decoded events pass through a one-at-a-time mailbox, which also
 * stops reading from a client whose previous stanza is still being handled.
 */
@Component
public class C2sServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(C2sServer.class);

    private final C2sProperties properties;
    private final C2sServices services;
    private final ServerTls tls;
    private final XmlLimits limits;
    private final List<NetworkRange> trustedEdges;
    private volatile DisposableServer startTlsServer;
    private volatile DisposableServer directTlsServer;

    public C2sServer(C2sProperties properties, C2sServices services, ServerTls tls, SessionProperties sessions) {
        this.properties = properties;
        this.trustedEdges = sessions.proxyProtocol().trustedRanges();
        this.services = services;
        this.tls = tls;
        this.limits = new XmlLimits((int) properties.maxStanzaSize().toBytes(), properties.maxDepth(),
                properties.maxAttributes());
    }

    @Override
    public void start() {
        startTlsServer = bind(properties.port(), false);
        log.info("XMPP client listener (STARTTLS) on {}:{}", properties.host(), startTlsServer.port());
        if (properties.directTlsPort() >= 0) {
            directTlsServer = bind(properties.directTlsPort(), true);
            log.info("XMPP client listener (direct TLS) on {}:{}", properties.host(), directTlsServer.port());
        }
    }

    private DisposableServer bind(int port, boolean directTls) {
        TcpServer server = TcpServer.create()
                .host(properties.host())
                .port(port)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 256 * 1024))
                .doOnChannelInit((observer, channel, remote) -> {
                    if (trustedEdge(channel.remoteAddress())) {
                        // before TLS: an edge sends the header first, also on the direct TLS port
                        channel.pipeline().addFirst(XmppPipeline.PROXY, new ProxyProtocolHandler());
                    }
                })
                .doOnConnection(connection -> prepare(connection, directTls))
                .handle((in, out) -> {
                    Connection connection = (Connection) in;
                    XmlStreamDecoderHandler decoder = (XmlStreamDecoderHandler) connection.channel().pipeline()
                            .get(XmppPipeline.DECODER);
                    ClientStream stream = new ClientStream(
                            new NettyStreamTransport(connection.channel(), decoder, tls, services.metrics()::bytesOut), services);
                    ((KeepaliveHandler) connection.channel().pipeline().get(XmppPipeline.KEEPALIVE)).attach(stream);
                    connection.onDispose(() -> {
                        services.metrics().connectionClosed();
                        stream.connectionLost();
                    });
                    return in.receiveObject()
                            .ofType(StreamEvent.class)
                            .concatMap(stream::handle, 1)
                            .then(Mono.<Void>empty());
                });
        if (directTls) {
            server = server.secure(spec -> spec.sslContext(tls.context()));
        }
        return server.bindNow();
    }

    private boolean trustedEdge(SocketAddress remote) {
        if (trustedEdges.isEmpty() || !(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return false;
        }
        for (NetworkRange range : trustedEdges) {
            if (range.contains(inet.getAddress())) {
                return true;
            }
        }
        return false;
    }

    private void prepare(Connection connection, boolean directTls) {
        services.metrics().connectionOpened(directTls);
        long pingAfter = properties.pingAfter().toMillis();
        connection.addHandlerLast(XmppPipeline.IDLE,
                new IdleStateHandler(pingAfter, properties.keepaliveInterval().toMillis(), 0, TimeUnit.MILLISECONDS));
        connection.addHandlerLast(XmppPipeline.KEEPALIVE, new KeepaliveHandler());
        connection.addHandlerLast(XmppPipeline.DECODER, new XmlStreamDecoderHandler(limits));
    }

    /** The bound STARTTLS port (useful when configured as 0). */
    public int port() {
        return startTlsServer.port();
    }

    /** The bound direct TLS port, or -1 when disabled. */
    public int directTlsPort() {
        return directTlsServer == null ? -1 : directTlsServer.port();
    }

    @Override
    public void stop() {
        services.closeAllStreams();
        if (startTlsServer != null) {
            startTlsServer.disposeNow();
        }
        if (directTlsServer != null) {
            directTlsServer.disposeNow();
        }
    }

    @Override
    public boolean isRunning() {
        return startTlsServer != null && !startTlsServer.isDisposed();
    }
}
