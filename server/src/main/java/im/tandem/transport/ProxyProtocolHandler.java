package im.tandem.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.ProtocolDetectionResult;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Reads a PROXY protocol header (v1 text or v2 binary) at the start of a connection from a
 * trusted edge, and records the client address it names: a session that came through an edge
 * counts as off-site and shows the real client address. Installed only for connections whose
 * source is in {@code tandem.sessions.proxy-protocol.trusted}; anyone else's header is just
 * bytes, which the XML decoder rejects. A trusted edge may also connect without a header (the
 * connection is then its own). A {@code LOCAL} header (an edge's health check) or one for an
 * unknown protocol leaves the address alone. A malformed header closes the connection.
 *
 * <p>Reactor Netty's own PROXY support accepts a header from any source; this one does not.
 */
public final class ProxyProtocolHandler extends ByteToMessageDecoder {

    /** The client address from the header, on connections that came through an edge. */
    public static final AttributeKey<InetSocketAddress> CLIENT = AttributeKey.valueOf("tandem.proxy.client");
    /** The edge's own address, on connections that came through an edge. */
    public static final AttributeKey<InetSocketAddress> EDGE = AttributeKey.valueOf("tandem.proxy.edge");

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ProtocolDetectionResult<HAProxyProtocolVersion> detected = HAProxyMessageDecoder.detectProtocol(in);
        switch (detected.state()) {
            case NEEDS_MORE_DATA -> {
                // the v2 signature is 12 bytes; v1 starts with "PROXY": wait for them
            }
            case INVALID -> ctx.pipeline().remove(this);
            case DETECTED -> {
                ctx.pipeline().addAfter(ctx.name(), XmppPipeline.PROXY_HEADER, new HAProxyMessageDecoder());
                ctx.pipeline().addAfter(XmppPipeline.PROXY_HEADER, XmppPipeline.PROXY_ADDRESS, new AddressReader());
                // what was buffered here goes on to the header decoder
                ctx.pipeline().remove(this);
            }
        }
    }

    /** The client address recorded for a channel, or null when it did not come through an edge. */
    public static InetSocketAddress clientAddress(Channel channel) {
        return channel.attr(CLIENT).get();
    }

    /** Takes the decoded header off the pipeline and records what it says. */
    private static final class AddressReader extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof HAProxyMessage header)) {
                ctx.fireChannelRead(msg);
                return;
            }
            try {
                if (header.command() == HAProxyCommand.PROXY && header.sourceAddress() != null
                        && (header.proxiedProtocol() == HAProxyProxiedProtocol.TCP4
                        || header.proxiedProtocol() == HAProxyProxiedProtocol.TCP6)) {
                    ctx.channel().attr(CLIENT).set(new InetSocketAddress(header.sourceAddress(), header.sourcePort()));
                    ctx.channel().attr(EDGE).set((InetSocketAddress) ctx.channel().remoteAddress());
                }
            } finally {
                header.release();
                ctx.pipeline().remove(this);
            }
        }
    }
}
