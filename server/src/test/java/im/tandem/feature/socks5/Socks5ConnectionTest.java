package im.tandem.feature.socks5;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The SOCKS5 connection's limits, on embedded channels: pending connections, bytes per stream, waiting time. */
class Socks5ConnectionTest {

    private static Socks5Relay relay(int maxPending, long maxBytes, Duration pendingTimeout) {
        return new Socks5Relay(new Socks5Properties(true, "", "127.0.0.1", "", 0, maxPending, Duration.ofSeconds(10),
                pendingTimeout, Duration.ofMinutes(5), DataSize.ofBytes(maxBytes)), new SimpleMeterRegistry());
    }

    private static EmbeddedChannel connect(Socks5Relay relay, String hash) {
        EmbeddedChannel channel = new EmbeddedChannel(new Socks5Connection(relay));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {5, 1, 0}));
        byte[] name = hash.getBytes(StandardCharsets.US_ASCII);
        ByteBuf request = Unpooled.buffer().writeBytes(new byte[] {5, 1, 0, 3, (byte) name.length}).writeBytes(name)
                .writeShort(0);
        channel.writeInbound(request);
        return channel;
    }

    private static byte[] written(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            all.writeBytes(b);
            b.release();
        }
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes);
        return bytes;
    }

    private static String hash(String sid) {
        return Socks5ProxyFeature.hash(sid, "a@localhost/x", "b@localhost/y");
    }

    @Test
    void connectionsBeyondTheNodesPendingLimitAreRefused() {
        Socks5Relay relay = relay(1, 1000, Duration.ofMinutes(1));
        EmbeddedChannel first = connect(relay, hash("1"));
        assertThat(written(first)[3]).as("succeeded, reply carries the DOMAINNAME").isEqualTo((byte) 0);
        EmbeddedChannel second = connect(relay, hash("2"));
        byte[] reply = written(second);
        assertThat(reply[2 + 1]).as("general failure").isEqualTo((byte) 1);
        assertThat(second.isOpen()).isFalse();
        assertThat(first.isOpen()).isTrue();
    }

    @Test
    void aStreamIsClosedOnceItHasRelayedItsMaximum() {
        Socks5Relay relay = relay(10, 10, Duration.ofMinutes(1));
        EmbeddedChannel target = connect(relay, hash("s"));
        EmbeddedChannel initiator = connect(relay, hash("s"));
        written(target);
        written(initiator);
        assertThat(relay.activate(hash("s"))).isEqualTo(Socks5Relay.Activation.ACTIVATED);
        target.runPendingTasks();
        initiator.runPendingTasks();
        initiator.writeInbound(Unpooled.wrappedBuffer("0123456789".getBytes(StandardCharsets.US_ASCII)));
        assertThat(new String(written(target), StandardCharsets.US_ASCII)).isEqualTo("0123456789");
        assertThat(initiator.isOpen()).isTrue();
        initiator.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));
        assertThat(initiator.isOpen()).isFalse();
        target.runPendingTasks();
        assertThat(target.isOpen()).as("the partner goes too").isFalse();
    }

    @Test
    void aConnectionWaitingTooLongIsClosedAndItsPartnerWithIt() throws InterruptedException {
        Socks5Relay relay = relay(10, 1000, Duration.ofMillis(50));
        EmbeddedChannel target = connect(relay, hash("t"));
        EmbeddedChannel initiator = connect(relay, hash("t"));
        Thread.sleep(120);
        target.runScheduledPendingTasks();
        assertThat(target.isOpen()).isFalse();
        assertThat(relay.isPending(hash("t"))).isFalse();
        initiator.runPendingTasks();
        assertThat(initiator.isOpen()).isFalse();
        assertThat(relay.activate(hash("t"))).isEqualTo(Socks5Relay.Activation.UNKNOWN);
    }

    @Test
    void theHashIsTheXepsSha1OfSidInitiatorAndTarget() {
        // the JIDs and SID of the XEP's examples; the digest computed independently with sha1sum
        assertThat(Socks5ProxyFeature.hash("vxf9n471bn46", "requester@example.com/foo", "target@example.org/bar"))
                .isEqualTo(SHA1_OF_EXAMPLE);
    }

    private static final String SHA1_OF_EXAMPLE = "98b8d688d0f5d895fd41c5e7309a2e9e33ba32ff";
}
