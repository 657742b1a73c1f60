package im.tandem.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;

/**
 * Turns idle events into XMPP keepalives: outbound silence gets a single space (RFC 6120
 * section 4.6.1), the first inbound silence a server ping, a second one in a row the idle
 * timeout. What to do on inbound silence belongs to the stream, which is attached after the
 * pipeline is built.
 */
public final class KeepaliveHandler extends ChannelDuplexHandler {

    /** What the stream does about a silent peer. */
    public interface IdlePeer {
        void pingPeer();

        void idleTimeout();
    }

    private static final byte[] SPACE = " ".getBytes(StandardCharsets.US_ASCII);

    private volatile IdlePeer peer;

    public void attach(IdlePeer idlePeer) {
        this.peer = idlePeer;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle) {
            IdlePeer current = peer;
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(SPACE));
            } else if (idle.state() == IdleState.READER_IDLE && current != null) {
                if (idle.isFirst()) {
                    current.pingPeer();
                } else {
                    current.idleTimeout();
                }
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
