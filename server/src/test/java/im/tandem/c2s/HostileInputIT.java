package im.tandem.c2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.support.RawXmppClient;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Hostile input on a real socket: each attack gets its RFC 6120 stream error and a closed
 * connection, and a bystander logged in on the same server keeps working.
 */
class HostileInputIT extends TandemServerTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream to='localhost' version='1.0' "
            + "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

    private XmppClients clients;
    private XMPPTCPConnection bystander;
    private String bystanderName;

    @BeforeEach
    void bystanderLogsIn() throws Exception {
        clients = clients();
        bystanderName = createUser("bystander");
        bystander = clients.login(bystanderName, PASSWORD, "desk");
    }

    @AfterEach
    void bystanderIsUnaffected() throws Exception {
        assertThat(bystander.isConnected()).isTrue();
        assertThat(PingManager.getInstanceFor(bystander).pingMyServer(false, 10_000)).isTrue();
        BlockingQueue<Message> echo = new ArrayBlockingQueue<>(1);
        bystander.addAsyncStanzaListener(s -> echo.add((Message) s), s -> s instanceof Message m && m.getBody() != null);
        bystander.sendStanza(MessageBuilder.buildMessage()
                .to(JidCreate.from(bystanderName + "@localhost/desk")).ofType(Message.Type.chat).setBody("still here").build());
        assertThat(echo.poll(10, TimeUnit.SECONDS)).isNotNull();
        clients.close();
    }

    private String attack(String... parts) throws Exception {
        try (RawXmppClient raw = raw()) {
            for (String part : parts) {
                raw.send(part);
            }
            String rest = raw.awaitClosed();
            assertThat(rest).endsWith("</stream:stream>");
            return raw.transcript();
        }
    }

    @Test
    void malformedXmlIsNotWellFormed() throws Exception {
        assertThat(attack(HEADER, "<message><body>unclosed</message>"))
                .contains("<not-well-formed xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>");
    }

    @Test
    void garbageBeforeTheStreamHeaderIsNotWellFormed() throws Exception {
        assertThat(attack("HELLO\r\n\r\n")).contains("<stream:stream").contains("not-well-formed");
    }

    @Test
    void doctypeIsRefused() throws Exception {
        assertThat(attack("<?xml version='1.0'?><!DOCTYPE stream:stream>" + HEADER))
                .containsAnyOf("restricted-xml", "not-well-formed");
    }

    @Test
    void entityExpansionIsRefused() throws Exception {
        String laughs = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]>";
        assertThat(attack(laughs + HEADER)).containsAnyOf("restricted-xml", "not-well-formed");
        assertThat(attack(HEADER, "<message><body>&lol2;</body></message>")).containsAnyOf("restricted-xml", "not-well-formed");
    }

    @Test
    void oversizedStanzaIsPolicyViolation() throws Exception {
        String big = "<message><body>" + "x".repeat(300 * 1024) + "</body></message>";
        assertThat(attack(HEADER, big)).contains("<policy-violation xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>");
    }

    @Test
    void overDeepDocumentIsPolicyViolation() throws Exception {
        String deep = "<message>" + "<a>".repeat(100);
        assertThat(attack(HEADER, deep)).contains("policy-violation");
    }

    @Test
    void wrongContentNamespaceIsInvalidNamespace() throws Exception {
        assertThat(attack("<stream:stream to='localhost' version='1.0' xmlns='jabber:server' "
                + "xmlns:stream='http://etherx.jabber.org/streams'>")).contains("invalid-namespace");
    }

    @Test
    void unknownHostIsHostUnknown() throws Exception {
        assertThat(attack("<stream:stream to='example.org' version='1.0' xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams'>")).contains("host-unknown");
    }

    @Test
    void stanzaBeforeAuthenticationIsNotAuthorized() throws Exception {
        try (RawXmppClient raw = raw()) {
            raw.send(HEADER).await("</stream:features>");
            raw.startTls(serverCertificate());
            raw.send(HEADER).await("</stream:features>");
            raw.send("<message to='" + bystanderName + "@localhost'><body>spoof</body></message>");
            assertThat(raw.awaitClosed()).contains("not-authorized").endsWith("</stream:stream>");
        }
    }

    @Test
    void bytesPipelinedAfterStartTlsAreNeverParsed() throws Exception {
        try (RawXmppClient raw = raw()) {
            raw.send(HEADER).await("</stream:features>");
            // an injected plaintext stanza in the same packet as <starttls/> must not survive the TLS upgrade
            raw.send(("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/><iq type='get' id='inj'>"
                    + "<ping xmlns='urn:xmpp:ping'/></iq>").getBytes(StandardCharsets.UTF_8));
            raw.await("<proceed");
            raw.upgradeToTls(serverCertificate());
            raw.send(HEADER);
            String afterTls = raw.await("</stream:features>");
            assertThat(afterTls).contains("SCRAM-SHA-256");
            raw.send("<iq type='get' id='after'><ping xmlns='urn:xmpp:ping'/></iq>");
            // the iq sent over TLS is answered (with an error: not before auth); the injected one never was
            raw.await("id=\"after\"");
            assertThat(raw.transcript()).doesNotContain("inj");
        }
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountButNotOthers() throws Exception {
        String victim = createUser("victim");
        try (XmppClients attacker = clients()) {
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> attacker.login(victim, "guess-" + System.nanoTime(), "x"))
                        .isInstanceOf(SASLErrorException.class).hasMessageContaining("not-authorized");
            }
            assertThatThrownBy(() -> attacker.login(victim, PASSWORD, "x"))
                    .isInstanceOf(SASLErrorException.class).hasMessageContaining("temporary-auth-failure");
            String other = createUser("other");
            assertThat(attacker.login(other, PASSWORD, "x").isAuthenticated()).isTrue();
        }
    }
}
