package im.tandem.feature.offline;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.admin.MeterNames;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.beans.factory.annotation.Autowired;

/** XEP-0160 end to end: messages to an offline user arrive, stamped, at the next login. */
class OfflineMessagesIT extends TandemServerTest {

    private static final long DEADLINE_SECONDS = 30;

    @Autowired
    MeterRegistry meters;

    @Test
    void messageToOfflineUserArrivesWithDelayStampOnNextLogin() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        double storedBefore = stored();
        Instant sentAfter = Instant.now().minusSeconds(1);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "phone");
            assertThat(ServiceDiscoveryManager.getInstanceFor(a).serverSupportsFeature(OfflineMessages.FEATURE))
                    .isTrue();
            EntityBareJid bobJid = JidCreate.entityBareFrom(bob + "@" + DOMAIN);
            // chat states alone are not worth storing; the two bodies are, in order
            a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(bobJid).ofType(Message.Type.chat)
                    .addExtension(new ChatStateExtension(ChatState.composing)).build());
            a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(bobJid).ofType(Message.Type.chat)
                    .setBody("first").build());
            a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(bobJid).ofType(Message.Type.normal)
                    .setBody("second").build());
            // a ping round trip orders the sends before bob's login
            a.sendIqRequestAndWaitForResponse(new org.jivesoftware.smackx.ping.packet.Ping(
                    JidCreate.domainBareFrom(DOMAIN)));

            BlockingQueue<Message> received = new LinkedBlockingQueue<>();
            XMPPTCPConnection b = new XMPPTCPConnection(clients.configuration(bob, PASSWORD, "laptop").build());
            b.addSyncStanzaListener(s -> received.add((Message) s), s -> s instanceof Message);
            try {
                b.connect().login();
                List<Message> messages = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Message m = received.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
                    assertThat(m).as("offline message %s", i + 1).isNotNull();
                    messages.add(m);
                }
                assertThat(messages).extracting(Message::getBody).containsExactly("first", "second");
                for (Message m : messages) {
                    assertThat(m.getFrom().asBareJid().toString()).isEqualTo(alice + "@" + DOMAIN);
                    DelayInformation delay = DelayInformation.from(m);
                    assertThat(delay).isNotNull();
                    assertThat(delay.getFrom()).isEqualTo(DOMAIN);
                    assertThat(delay.getStamp().toInstant()).isAfter(sentAfter);
                }
                // with stream management, delivered means acknowledged: a ping round trip lets bob's
                // acks (sent as the server asked, before the ping) arrive; a message left unacknowledged
                // at disconnect would rightly be stored again for the next login
                assertThat(org.jivesoftware.smackx.ping.PingManager.getInstanceFor(b).pingMyServer(false, 10_000)).isTrue();
            } finally {
                b.disconnect();
            }
            assertThat(stored() - storedBefore).isGreaterThanOrEqualTo(2.0);

            // delivered messages were deleted: the next login receives nothing stored before it
            BlockingQueue<Message> again = new LinkedBlockingQueue<>();
            XMPPTCPConnection b2 = new XMPPTCPConnection(clients.configuration(bob, PASSWORD, "tablet").build());
            b2.addSyncStanzaListener(s -> again.add((Message) s), s -> s instanceof Message);
            try {
                b2.connect().login();
                // a ping round trip on bob's stream: his initial presence, sent before it, has been handled
                assertThat(org.jivesoftware.smackx.ping.PingManager.getInstanceFor(b2).pingMyServer(false, 10_000)).isTrue();
                a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(bobJid).ofType(Message.Type.chat)
                        .setBody("live").build());
                Message next = again.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
                assertThat(next).isNotNull();
                assertThat(next.getBody()).isEqualTo("live");
                assertThat(DelayInformation.from(next)).isNull();
            } finally {
                b2.disconnect();
            }
        }
    }

    @Test
    void noStoreHintKeepsMessageOutOfStorage() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "phone");
            EntityBareJid bobJid = JidCreate.entityBareFrom(bob + "@" + DOMAIN);
            a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(bobJid).ofType(Message.Type.chat)
                    .setBody("ephemeral")
                    .addExtension(StandardExtensionElement.builder("no-store", "urn:xmpp:hints").build()).build());
            a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(bobJid).ofType(Message.Type.chat)
                    .setBody("kept").build());
            a.sendIqRequestAndWaitForResponse(new org.jivesoftware.smackx.ping.packet.Ping(
                    JidCreate.domainBareFrom(DOMAIN)));

            BlockingQueue<Message> received = new LinkedBlockingQueue<>();
            XMPPTCPConnection b = new XMPPTCPConnection(clients.configuration(bob, PASSWORD, "laptop").build());
            b.addSyncStanzaListener(s -> received.add((Message) s), s -> s instanceof Message);
            try {
                b.connect().login();
                Message first = received.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
                assertThat(first).isNotNull();
                assertThat(first.getBody()).isEqualTo("kept");
            } finally {
                b.disconnect();
            }
        }
    }

    private double stored() {
        var counter = meters.find(MeterNames.OFFLINE_STORED).counter();
        return counter == null ? 0 : counter.count();
    }
}
