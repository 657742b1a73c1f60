package im.tandem.feature.socks5;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One SOCKS5 connection to the proxy (RFC 1928 as XEP-0065 section 6.3 narrows it): greeting
 * with method 0 (no authentication) only, then CONNECT to a DOMAINNAME that is a 40-digit
 * SHA-1 hash, port 0; then it waits, not reading, for its peer and the activation; then it
 * relays. Everything runs on the channel's event loop. Any deviation closes this connection
 * only (after the SOCKS5 failure reply where the protocol has one).
 */
final class Socks5Connection extends ChannelInboundHandlerAdapter {

    /** Bytes of one activated stream, both directions, against its limit. */
    static final class Stream {
        private final long maxBytes;
        private final Runnable onEnd;
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicBoolean ended = new AtomicBoolean();

        Stream(long maxBytes, Runnable onEnd) {
            this.maxBytes = maxBytes;
            this.onEnd = onEnd;
        }

        boolean add(long n) {
            return bytes.addAndGet(n) <= maxBytes;
        }

        void end() {
            if (ended.compareAndSet(false, true)) {
                onEnd.run();
            }
        }
    }

    private enum State { GREETING, REQUEST, WAITING, RELAYING, CLOSED }

    private static final int VERSION = 5;
    private static final int MAX_BUFFERED = 1024;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{40}");

    private final Socks5Relay relay;
    private ChannelHandlerContext ctx;
    private State state = State.GREETING;
    private ByteBuf buffered;
    private String hash;
    private Channel peer;
    private Stream stream;
    private ScheduledFuture<?> timeout;

    Socks5Connection(Socks5Relay relay) {
        this.relay = relay;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        buffered = context.alloc().buffer(64, MAX_BUFFERED);
        timeout = context.executor().schedule(() -> expire(), relay.properties().handshakeTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        context.channel().config().setAutoRead(true);
        context.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (state == State.RELAYING) {
            relayToPeer(in);
            return;
        }
        try {
            if (state == State.CLOSED) {
                return;
            }
            if (in.readableBytes() > buffered.maxWritableBytes()) {
                refuse(Socks5Relay.Reason.PROTOCOL, null);
                return;
            }
            buffered.writeBytes(in);
        } finally {
            in.release();
        }
        parse();
    }

    private void parse() {
        if (state == State.GREETING) {
            if (buffered.readableBytes() < 2) {
                return;
            }
            int methods = buffered.getUnsignedByte(buffered.readerIndex() + 1);
            if (buffered.getUnsignedByte(buffered.readerIndex()) != VERSION) {
                refuse(Socks5Relay.Reason.PROTOCOL, null);
                return;
            }
            if (buffered.readableBytes() < 2 + methods) {
                return;
            }
            boolean noAuth = false;
            for (int i = 0; i < methods; i++) {
                noAuth |= buffered.getUnsignedByte(buffered.readerIndex() + 2 + i) == 0;
            }
            buffered.skipBytes(2 + methods);
            if (!noAuth) {
                refuse(Socks5Relay.Reason.PROTOCOL, new byte[] {VERSION, (byte) 0xFF});
                return;
            }
            ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {VERSION, 0}));
            state = State.REQUEST;
        }
        if (state == State.REQUEST) {
            request();
        }
    }

    private void request() {
        int r = buffered.readerIndex();
        if (buffered.readableBytes() < 5) {
            return;
        }
        if (buffered.getUnsignedByte(r) != VERSION) {
            refuse(Socks5Relay.Reason.PROTOCOL, null);
            return;
        }
        if (buffered.getUnsignedByte(r + 1) != 1) {
            refuse(Socks5Relay.Reason.PROTOCOL, failure(7)); // command not supported: CONNECT only
            return;
        }
        if (buffered.getUnsignedByte(r + 3) != 3) {
            refuse(Socks5Relay.Reason.BAD_ADDRESS, failure(8)); // address type not supported: DOMAINNAME only
            return;
        }
        int length = buffered.getUnsignedByte(r + 4);
        if (buffered.readableBytes() < 5 + length + 2) {
            return;
        }
        String name = buffered.toString(r + 5, length, StandardCharsets.US_ASCII);
        buffered.skipBytes(5 + length + 2); // the port is 0 by XEP-0065 and means nothing here
        if (!HASH.matcher(name).matches()) {
            refuse(Socks5Relay.Reason.BAD_ADDRESS, failure(4));
            return;
        }
        Socks5Relay.Registration registration = relay.register(name, this);
        if (registration == Socks5Relay.Registration.REFUSED || registration == Socks5Relay.Registration.FULL) {
            refuse(registration == Socks5Relay.Registration.FULL ? Socks5Relay.Reason.LIMIT : Socks5Relay.Reason.DUPLICATE,
                    failure(registration == Socks5Relay.Registration.FULL ? 1 : 2));
            return;
        }
        hash = name;
        state = State.WAITING;
        ctx.channel().config().setAutoRead(false); // nothing is read until the stream is activated
        timeout.cancel(false);
        timeout = ctx.executor().schedule(() -> expire(), relay.properties().pendingTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        byte[] reply = new byte[5 + length + 2];
        reply[0] = VERSION;
        reply[3] = 3;
        reply[4] = (byte) length;
        System.arraycopy(name.getBytes(StandardCharsets.US_ASCII), 0, reply, 5, length);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(reply));
    }

    /** Called by the relay on activation, from any thread. */
    void start(Socks5Connection other, Stream shared) {
        ctx.executor().execute(() -> {
            if (state != State.WAITING) {
                shared.end();
                other.close();
                return;
            }
            timeout.cancel(false);
            state = State.RELAYING;
            peer = other.ctx.channel();
            stream = shared;
            if (buffered.isReadable()) {
                relayToPeer(buffered.retainedSlice()); // bytes sent before the activation, within the handshake bound
            }
            ctx.channel().config().setAutoRead(peer.isWritable());
        });
    }

    private void relayToPeer(ByteBuf data) {
        int n = data.readableBytes();
        if (!stream.add(n)) {
            data.release();
            relay.rejected(Socks5Relay.Reason.TOO_MANY_BYTES);
            close();
            return;
        }
        relay.relayed(n);
        peer.writeAndFlush(data).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                close();
            }
        });
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false); // until the peer drains: see channelWritabilityChanged
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (state == State.RELAYING && context.channel().isWritable()) {
            peer.config().setAutoRead(true); // the side feeding this one may read again
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof IdleStateEvent) {
            relay.rejected(Socks5Relay.Reason.TIMEOUT);
            close();
            return;
        }
        context.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        State was = state;
        state = State.CLOSED;
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (buffered.refCnt() > 0) {
            buffered.release();
        }
        if (was == State.WAITING) {
            relay.closedBeforeActivation(hash, this);
        } else if (was == State.RELAYING) {
            stream.end();
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        close();
    }

    private void expire() {
        if (state != State.RELAYING && state != State.CLOSED) {
            relay.rejected(Socks5Relay.Reason.TIMEOUT);
            close();
        }
    }

    /** Closes this connection (from any thread). */
    void close() {
        ctx.channel().close();
    }

    private void refuse(Socks5Relay.Reason reason, byte[] reply) {
        relay.rejected(reason);
        state = State.CLOSED;
        if (reply == null) {
            ctx.close();
        } else {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(reply)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static byte[] failure(int code) {
        return new byte[] {VERSION, (byte) code, 0, 1, 0, 0, 0, 0, 0, 0};
    }
}
