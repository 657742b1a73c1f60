package im.tandem.session;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.stanza.Jid;
import im.tandem.stanza.StreamError;
import im.tandem.xml.Element;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {

    private static ClientSession session(String jid) {
        StreamOutput output = new StreamOutput() {
            public void send(Element stanza) {
            }

            public void close(StreamError error) {
            }

            public boolean isOpen() {
                return true;
            }
        };
        return new ClientSession("id", Jid.parse(jid), output, new InetSocketAddress("127.0.0.1", 1), true, Instant.now());
    }

    @Test
    void findsSessionsByBareAndFullJid() {
        SessionRegistry registry = new SessionRegistry();
        ClientSession laptop = session("alice@localhost/laptop");
        ClientSession phone = session("alice@localhost/phone");
        assertThat(registry.register(laptop)).isEmpty();
        assertThat(registry.register(phone)).isEmpty();
        assertThat(registry.sessionsOf(Jid.parse("alice@localhost"))).containsExactly(laptop, phone);
        assertThat(registry.session(Jid.parse("alice@localhost/phone"))).contains(phone);
        assertThat(registry.sessionCount()).isEqualTo(2);
        assertThat(registry.userCount()).isEqualTo(1);
    }

    @Test
    void sameFullJidReplacesTheOlderSession() {
        SessionRegistry registry = new SessionRegistry();
        ClientSession first = session("bob@localhost/desk");
        ClientSession second = session("bob@localhost/desk");
        registry.register(first);
        assertThat(registry.register(second)).contains(first);
        assertThat(registry.sessionCount()).isEqualTo(1);
        // the replaced session's late unregister must not remove its successor
        assertThat(registry.unregister(first)).isFalse();
        assertThat(registry.session(Jid.parse("bob@localhost/desk"))).contains(second);
        assertThat(registry.unregister(second)).isTrue();
        assertThat(registry.sessionCount()).isZero();
        assertThat(registry.userCount()).isZero();
    }
}
