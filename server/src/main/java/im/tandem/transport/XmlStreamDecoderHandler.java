package im.tandem.transport;

import im.tandem.xml.XmlLimits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The pipeline stage that turns inbound bytes into {@link StreamEvent}s: one
 * {@link XmlStreamDecoder} per channel, so this handler is not sharable. Each
 * {@link ByteBuf} is parsed, released, and every resulting event is passed on with
 * {@code fireChannelRead} before the next bytes are read.
 */
public final class XmlStreamDecoderHandler extends ChannelInboundHandlerAdapter {

    private final XmlStreamDecoder decoder;
    private ChannelHandlerContext context;

    public XmlStreamDecoderHandler(XmlLimits limits) {
        this.decoder = new XmlStreamDecoder(limits);
    }

    /**
     * Starts a new stream after STARTTLS or SASL success, discarding bytes the peer sent
     * before it could know the stream restarts. Must be called on the channel's event loop
     * (for example from a handler further down, while it handles the event that causes the
     * reset): the decoder is not thread-safe, and only there is the order between the reset
     * and the bytes being read well defined.
     *
     * @throws IllegalStateException when called from another thread
     */
    public void reset() {
        if (context != null && !context.executor().inEventLoop()) {
            throw new IllegalStateException("reset() must be called on the channel's event loop");
        }
        decoder.reset();
    }

    /** The decoder's current generation; see {@link StreamEvent}. */
    public int generation() {
        return decoder.generation();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            // A heap buffer is parsed in place; a direct one is copied in slices by the decoder.
            decoder.feed(buf.nioBuffer(), ctx::fireChannelRead);
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        decoder.close();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        decoder.close();
    }
}
