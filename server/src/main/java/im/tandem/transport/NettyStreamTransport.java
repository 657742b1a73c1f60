package im.tandem.transport;

import im.tandem.c2s.StreamTransport;
import im.tandem.tls.ServerTls;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import reactor.core.Disposable;

/**
 * A {@link StreamTransport} over a Netty channel. Writes go straight to the channel (Netty
 * serializes them onto the event loop); the bytes not yet taken by the socket are counted
 * so that the stream can drop a client that stops reading instead of queueing without
 * bound.
 */
public final class NettyStreamTransport implements StreamTransport {

    private final Channel channel;
    private final XmlStreamDecoderHandler decoder;
    private final ServerTls tls;
    private final byte[] tlsServerEndPoint;
    private final AtomicLong pending = new AtomicLong();
    private final IntConsumer bytesWritten;

    public NettyStreamTransport(Channel channel, XmlStreamDecoderHandler decoder, ServerTls tls,
                                IntConsumer bytesWritten) {
        this.bytesWritten = bytesWritten;
        this.channel = channel;
        this.decoder = decoder;
        this.tls = tls;
        this.tlsServerEndPoint = tls.certificate().tlsServerEndPoint();
    }

    @Override
    public void write(String xml) {
        ByteBuf buf = ByteBufUtil.writeUtf8(channel.alloc(), xml);
        int size = buf.readableBytes();
        pending.addAndGet(size);
        bytesWritten.accept(size);
        channel.writeAndFlush(buf).addListener(f -> pending.addAndGet(-size));
    }

    @Override
    public long pendingBytes() {
        return pending.get();
    }

    @Override
    public void startTls(String proceed) {
        channel.eventLoop().execute(() -> {
            channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), proceed));
            SslHandler handler = tls.newHandler(channel.alloc());
            channel.pipeline().addBefore(XmppPipeline.IDLE, XmppPipeline.TLS, handler);
            decoder.reset();
        });
    }

    @Override
    public void restartStream(String success) {
        channel.eventLoop().execute(() -> {
            decoder.reset();
            write(success);
        });
    }

    @Override
    public boolean isSecure() {
        return channel.pipeline().get(SslHandler.class) != null;
    }

    @Override
    public byte[] tlsServerEndPoint() {
        return isSecure() ? tlsServerEndPoint.clone() : null;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        InetSocketAddress client = ProxyProtocolHandler.clientAddress(channel);
        return client != null ? client : (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public InetSocketAddress edgeAddress() {
        return channel.attr(ProxyProtocolHandler.EDGE).get();
    }

    @Override
    public Disposable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = channel.eventLoop().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
