package im.tandem.component;

import im.tandem.tls.ServerTls;
import im.tandem.transport.KeepaliveHandler;
import im.tandem.transport.NettyStreamTransport;
import im.tandem.transport.StreamEvent;
import im.tandem.transport.XmlStreamDecoderHandler;
import im.tandem.transport.XmppPipeline;
import im.tandem.c2s.C2sProperties;
import im.tandem.xml.XmlLimits;
import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.IdleStateHandler;
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
 * The external component listener on {@code tandem.component.port} (XEP-0114): the same
 * decoder, limits and keepalive as client connections, then a {@link ComponentStream} per
 * connection with a one-at-a-time mailbox. Plain TCP, as the protocol is; it binds to
 * loopback unless {@code tandem.component.host} says otherwise.
 */
@Component
public class ComponentServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ComponentServer.class);

    private final ComponentProperties properties;
    private final C2sProperties c2s;
    private final ExternalComponents components;
    private final ServerTls tls;
    private final XmlLimits limits;
    private volatile DisposableServer server;

    public ComponentServer(ComponentProperties properties, C2sProperties c2s, ExternalComponents components,
                           ServerTls tls) {
        this.properties = properties;
        this.c2s = c2s;
        this.components = components;
        this.tls = tls;
        this.limits = new XmlLimits((int) properties.maxStanzaSize().toBytes(), c2s.maxDepth(), c2s.maxAttributes());
    }

    @Override
    public void start() {
        if (properties.port() < 0) {
            return;
        }
        server = TcpServer.create()
                .host(properties.host())
                .port(properties.port())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .doOnConnection(this::prepare)
                .handle((in, out) -> {
                    Connection connection = (Connection) in;
                    XmlStreamDecoderHandler decoder = (XmlStreamDecoderHandler) connection.channel().pipeline()
                            .get(XmppPipeline.DECODER);
                    ComponentStream stream = new ComponentStream(
                            new NettyStreamTransport(connection.channel(), decoder, tls, n -> { }), components);
                    ((KeepaliveHandler) connection.channel().pipeline().get(XmppPipeline.KEEPALIVE)).attach(stream);
                    connection.onDispose(stream::connectionLost);
                    return in.receiveObject()
                            .ofType(StreamEvent.class)
                            .concatMap(stream::handle, 1)
                            .then(Mono.<Void>empty());
                })
                .bindNow();
        log.info("XMPP component listener (XEP-0114) on {}:{}, {} component(s) configured", properties.host(),
                server.port(), properties.components().size());
    }

    private void prepare(Connection connection) {
        connection.addHandlerLast(XmppPipeline.IDLE, new IdleStateHandler(c2s.pingAfter().toMillis(),
                c2s.keepaliveInterval().toMillis(), 0, TimeUnit.MILLISECONDS));
        connection.addHandlerLast(XmppPipeline.KEEPALIVE, new KeepaliveHandler());
        connection.addHandlerLast(XmppPipeline.DECODER, new XmlStreamDecoderHandler(limits));
    }

    /** The bound port (useful when configured as 0), or -1 when disabled. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    @Override
    public void stop() {
        components.closeAll();
        if (server != null) {
            server.disposeNow();
        }
    }

    @Override
    public boolean isRunning() {
        return server != null && !server.isDisposed();
    }
}
