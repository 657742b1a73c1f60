package im.tandem.c2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.support.RawXmppClient;
import im.tandem.support.ScramSha256Client;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Logging in over both client ports with real TLS and SCRAM, and chatting once logged in. */
class ClientLoginIT extends TandemServerTest {

    @Test
    void smackLogsInWithScramSha1OverStartTlsAndChats() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "laptop");
            XMPPTCPConnection b = clients.login(bob, PASSWORD, "phone");
            assertThat(a.isSecureConnection()).isTrue();
            assertThat(a.getUser().toString()).isEqualTo(alice + "@localhost/laptop");

            BlockingQueue<Message> atBob = new ArrayBlockingQueue<>(10);
            b.addAsyncStanzaListener(s -> atBob.add((Message) s), s -> s instanceof Message m && m.getBody() != null);
            a.sendStanza(MessageBuilder.buildMessage().to(JidCreate.from(bob + "@localhost"))
                    .ofType(Message.Type.chat).setBody("hello bob").build());
            Message got = atBob.poll(10, TimeUnit.SECONDS);
            assertThat(got).isNotNull();
            assertThat(got.getBody()).isEqualTo("hello bob");
            assertThat(got.getFrom().toString()).isEqualTo(alice + "@localhost/laptop");

            BlockingQueue<Message> atAlice = new ArrayBlockingQueue<>(10);
            a.addAsyncStanzaListener(s -> atAlice.add((Message) s), s -> s instanceof Message m && m.getBody() != null);
            b.sendStanza(MessageBuilder.buildMessage().to(JidCreate.from(alice + "@localhost/laptop"))
                    .ofType(Message.Type.chat).setBody("hi alice").build());
            assertThat(atAlice.poll(10, TimeUnit.SECONDS).getBody()).isEqualTo("hi alice");
        }
    }

    @Test
    void smackLogsInOverDirectTls() throws Exception {
        String carol = createUser("carol");
        try (XmppClients clients = clients()) {
            XMPPTCPConnection c = clients.loginDirectTls(carol, PASSWORD, "tablet");
            assertThat(c.isAuthenticated()).isTrue();
            assertThat(c.getUser().toString()).isEqualTo(carol + "@localhost/tablet");
        }
    }

    @Test
    void wrongPasswordIsNotAuthorized() throws Exception {
        String dave = createUser("dave");
        try (XmppClients clients = clients()) {
            assertThatThrownBy(() -> clients.login(dave, "not the password", "x"))
                    .isInstanceOf(SASLErrorException.class)
                    .hasMessageContaining("not-authorized");
        }
    }

    @Test
    void scramSha256LoginOverStartTlsBindsAResource() throws Exception {
        String erin = createUser("erin");
        try (RawXmppClient raw = raw()) {
            raw.openStream("localhost");
            raw.await("</stream:features>");
            raw.startTls(serverCertificate());
            raw.openStream("localhost");
            String features = raw.await("</stream:features>");
            assertThat(features).contains("<mechanism>SCRAM-SHA-256</mechanism>").contains("<mechanism>PLAIN</mechanism>");

            ScramSha256Client scram = new ScramSha256Client(erin, PASSWORD);
            raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>" + scram.clientFirst() + "</auth>");
            String serverFirst = raw.awaitMatch("<challenge[^>]*>([^<]+)</challenge>");
            raw.send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + scram.clientFinal(serverFirst) + "</response>");
            String serverFinal = raw.awaitMatch("<success[^>]*>([^<]+)</success>");
            assertThat(scram.verifyServerFinal(serverFinal)).isTrue();

            raw.openStream("localhost");
            assertThat(raw.await("</stream:features>")).contains("urn:ietf:params:xml:ns:xmpp-bind");
            raw.send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
            String jid = raw.awaitMatch("<jid>([^<]+)</jid>");
            assertThat(jid).startsWith(erin + "@localhost/tandem-");
        }
    }

    @Test
    void plaintextStreamOffersOnlyStartTls() throws Exception {
        try (RawXmppClient raw = raw()) {
            raw.openStream("localhost");
            String features = raw.await("</stream:features>");
            assertThat(features).contains("<starttls xmlns=\"urn:ietf:params:xml:ns:xmpp-tls\"><required/></starttls>")
                    .doesNotContain("mechanism");
            raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGEAYg==</auth>");
            assertThat(raw.await("</failure>")).contains("<encryption-required/>");
        }
    }

    @Test
    void secondLoginWithSameResourceReplacesTheFirstWithConflict() throws Exception {
        String frank = createUser("frank");
        try (XmppClients clients = clients()) {
            XMPPTCPConnection first = clients.login(frank, PASSWORD, "desk");
            BlockingQueue<Exception> closed = new ArrayBlockingQueue<>(1);
            first.addConnectionListener(new ConnectionListener() {
                @Override
                public void connectionClosedOnError(Exception e) {
                    closed.add(e);
                }
            });
            XMPPTCPConnection second = clients.login(frank, PASSWORD, "desk");
            Exception error = closed.poll(10, TimeUnit.SECONDS);
            assertThat(error).isNotNull();
            assertThat(error.getMessage()).contains("conflict");
            assertThat(second.isAuthenticated()).isTrue();
        }
    }
}
