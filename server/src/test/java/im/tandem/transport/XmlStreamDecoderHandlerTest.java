package im.tandem.transport;

import static im.tandem.transport.DecoderRun.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.xml.XmlLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlStreamDecoderHandlerTest {

    @Test
    void bytesBecomeEventsAndBuffersAreReleased() {
        EmbeddedChannel channel = new EmbeddedChannel(new XmlStreamDecoderHandler(XmlLimits.DEFAULT));
        ByteBuf heap = Unpooled.copiedBuffer(HEADER + "<presence/><mess", StandardCharsets.UTF_8);
        ByteBuf direct = Unpooled.directBuffer().writeBytes("age/>".getBytes(StandardCharsets.UTF_8));

        channel.writeInbound(heap, direct);

        assertThat(heap.refCnt()).isZero();
        assertThat(direct.refCnt()).isZero();
        assertThat(inbound(channel)).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("StreamOpen", "TopLevel", "TopLevel");
    }

    @Test
    void resetFromADownstreamHandlerDropsPipelinedBytes() {
        XmlStreamDecoderHandler decoder = new XmlStreamDecoderHandler(XmlLimits.DEFAULT);
        ChannelInboundHandlerAdapter starttls = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ctx.fireChannelRead(msg);
                if (msg instanceof StreamEvent.TopLevel top && top.element().name().equals("starttls")) {
                    decoder.reset();
                }
            }
        };
        EmbeddedChannel channel = new EmbeddedChannel(decoder, starttls);

        channel.writeInbound(Unpooled.copiedBuffer(HEADER + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
                + "<message><body>injected</body></message>", StandardCharsets.UTF_8));
        channel.writeInbound(Unpooled.copiedBuffer(HEADER, StandardCharsets.UTF_8));

        assertThat(inbound(channel)).extracting(StreamEvent::generation).containsExactly(0, 0, 1);
        assertThat(decoder.generation()).isEqualTo(1);
    }

    private static List<StreamEvent> inbound(EmbeddedChannel channel) {
        List<StreamEvent> events = new ArrayList<>();
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            events.add((StreamEvent) msg);
        }
        return events;
    }
}
