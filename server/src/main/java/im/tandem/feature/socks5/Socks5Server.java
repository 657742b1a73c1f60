package im.tandem.feature.socks5;

import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * The SOCKS5 listener on {@code tandem.socks5.port}. Reactor Netty binds it; each connection
 * gets an idle timer and a {@link Socks5Connection}, which consumes every byte itself, so the
 * reactive inbound is never subscribed and the connection lives until either side closes.
 */
@Component
public class Socks5Server implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Socks5Server.class);

    private final Socks5Properties properties;
    private final Socks5Relay relay;
    private volatile DisposableServer server;

    public Socks5Server(Socks5Properties properties, Socks5Relay relay) {
        this.properties = properties;
        this.relay = relay;
    }

    @Override
    public void start() {
        if (!properties.enabled() || properties.port() < 0) {
            return;
        }
        server = TcpServer.create()
                .host(properties.host())
                .port(properties.port())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .doOnConnection(connection -> connection
                        .addHandlerLast("socks5.idle", new IdleStateHandler(0, 0,
                                properties.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                        .addHandlerLast("socks5.connection", new Socks5Connection(relay)))
                .handle((in, out) -> out.neverComplete())
                .bindNow();
        log.info("SOCKS5 bytestreams proxy (XEP-0065) on {}:{}", properties.host(), server.port());
    }

    /** The bound port, or -1 when the proxy is off. */
    public int port() {
        DisposableServer s = server;
        return s == null ? -1 : s.port();
    }

    @Override
    public void stop() {
        DisposableServer s = server;
        if (s != null) {
            s.disposeNow();
        }
    }

    @Override
    public boolean isRunning() {
        DisposableServer s = server;
        return s != null && !s.isDisposed();
    }
}
