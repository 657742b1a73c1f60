package im.tandem.mdm;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.admin.MeterNames;
import im.tandem.support.Device;
import im.tandem.support.Device.Delivery;
import im.tandem.support.Device.Kind;
import im.tandem.support.OffsetClock;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.hints.element.NoCopyHint;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.csi.ClientStateIndicationManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * The seed's two use cases, step by step, with real Smack clients: Alice's laptop and phone,
 * Bob and Colin; and the carbon rules around them.
 */
class MultiDeviceMessagingIT extends MdmServerTest {

    @Test
    void carbonsAndClientStateIndicationAreAdvertised() throws Exception {
        String alice = createUser("alice");
        try (XmppClients clients = clients()) {
            XMPPTCPConnection c = clients.login(alice, PASSWORD, "laptop");
            assertThat(ServiceDiscoveryManager.getInstanceFor(c).serverSupportsFeature(CarbonCopies.NAMESPACE)).isTrue();
            assertThat(ClientStateIndicationManager.isSupported(c)).isTrue();
        }
    }

    @Test
    void multiDeviceUseCaseStepByStep() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        String colin = createUser("colin");
        double receivedCopiesBefore = meters.get(MeterNames.MDM_CARBONS).tag("direction", "received").counter().count();
        try (XmppClients clients = clients()) {
            // 1. Alice has Jabber open on her phone and on her laptop, both MDM-enabled; the laptop is the one in use
            Device phone = device(clients, alice, "phone").enableCarbons();
            Device laptop = device(clients, alice, "laptop").enableCarbons();
            Device b = device(clients, bob, "desk");
            Device c = device(clients, colin, "desk");
            assertThat(mdmMetrics.mdmSessions()).isGreaterThanOrEqualTo(2);

            // 2. Bob writes: the laptop notifies, the phone gets the message silently
            chat(b, bare(alice), "hi Alice");
            assertDelivery(laptop.next(), Kind.DIRECT, "hi Alice");
            assertDelivery(phone.next(), Kind.RECEIVED_COPY, "hi Alice");
            assertThat(mdmMetrics.silentModeSessions()).isGreaterThanOrEqualTo(1);

            // 3. twenty minutes of chat on the laptop: the phone gets everything, sent and received, and the read markers
            for (int minute = 5; minute <= 20; minute += 5) {
                later(Duration.ofMinutes(4));
                chat(laptop, bare(bob), "reply at " + minute);
                assertDelivery(b.next(), Kind.DIRECT, "reply at " + minute);
                assertDelivery(phone.next(), Kind.SENT_COPY, "reply at " + minute);
                chat(b, bare(alice), "bob at " + minute);
                assertDelivery(laptop.next(), Kind.DIRECT, "bob at " + minute);
                assertDelivery(phone.next(), Kind.RECEIVED_COPY, "bob at " + minute);
                displayed(laptop, bare(bob), "m" + minute);
                Delivery marker = phone.next();
                assertThat(marker.kind()).isEqualTo(Kind.SENT_COPY);
                assertThat(marker.message().hasExtension("displayed", MARKERS)).isTrue();
                assertThat(b.next().message().hasExtension("displayed", MARKERS)).isTrue();
            }
            assertThat(laptop.drain()).isEmpty();

            // 4. three messages from Colin: same as step 2
            for (int i = 1; i <= 3; i++) {
                chat(c, bare(alice), "colin " + i);
            }
            for (int i = 1; i <= 3; i++) {
                assertDelivery(laptop.next(), Kind.DIRECT, "colin " + i);
                assertDelivery(phone.next(), Kind.RECEIVED_COPY, "colin " + i);
            }

            // 5. she closes the laptop and takes the bus: after the active window, both devices notify
            later(Duration.ofMinutes(6));
            chat(b, bare(alice), "are you there?");
            assertDelivery(laptop.next(), Kind.DIRECT, "are you there?");
            assertDelivery(phone.next(), Kind.DIRECT, "are you there?");
            assertThat(phone.drain()).isEmpty();
            assertThat(laptop.drain()).isEmpty();

            // 6. and 7. she opens the phone and reads: the laptop marks the message read too
            displayed(phone, bare(bob), "are-you-there");
            Delivery readOnPhone = laptop.next();
            assertThat(readOnPhone.kind()).isEqualTo(Kind.SENT_COPY);
            assertThat(readOnPhone.message().hasExtension("displayed", MARKERS)).isTrue();
            assertThat(b.next().message().hasExtension("displayed", MARKERS)).isTrue();
        }
        assertThat(meters.get(MeterNames.MDM_CARBONS).tag("direction", "received").counter().count()
                - receivedCopiesBefore).isGreaterThanOrEqualTo(8);
    }

    @Test
    void sessionThatSentAnInstantMessageBecomesTheActiveClient() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (XmppClients clients = clients()) {
            Device laptop = device(clients, alice, "laptop").enableCarbons();
            Device phone = device(clients, alice, "phone").enableCarbons();
            Device b = device(clients, bob, "desk");
            chat(laptop, bare(bob), "written on the laptop");
            b.next();
            phone.next();
            laptop.drain();
            chat(b, bare(alice), "answer");
            assertDelivery(laptop.next(), Kind.DIRECT, "answer");
            assertDelivery(phone.next(), Kind.RECEIVED_COPY, "answer");
        }
    }

    @Test
    void clientWithoutCarbonsKeepsPlainDelivery() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (XmppClients clients = clients()) {
            Device legacy = device(clients, alice, "legacy");
            Device laptop = device(clients, alice, "laptop").enableCarbons();
            Device b = device(clients, bob, "desk");
            chat(b, bare(alice), "to everyone");
            assertDelivery(laptop.next(), Kind.DIRECT, "to everyone");
            assertDelivery(legacy.next(), Kind.DIRECT, "to everyone");
            chat(laptop, bare(bob), "from the laptop");
            assertDelivery(b.next(), Kind.DIRECT, "from the laptop");
            assertThat(legacy.drain()).as("a client that never enabled carbons gets no copies").isEmpty();
        }
    }

    @Test
    void messageToFullJidGoesThereAndIsCopiedToTheOtherDevices() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (XmppClients clients = clients()) {
            Device phone = device(clients, alice, "phone").enableCarbons();
            Device laptop = device(clients, alice, "laptop").enableCarbons();
            Device b = device(clients, bob, "desk");
            chat(b, JidCreate.from(alice + "@" + DOMAIN + "/phone"), "for the phone");
            assertDelivery(phone.next(), Kind.DIRECT, "for the phone");
            assertDelivery(laptop.next(), Kind.RECEIVED_COPY, "for the phone");
        }
    }

    @Test
    void privateAndNoCopyMessagesAreNotCopied() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (XmppClients clients = clients()) {
            Device phone = device(clients, alice, "phone").enableCarbons();
            Device laptop = device(clients, alice, "laptop").enableCarbons();
            Device b = device(clients, bob, "desk");
            XMPPTCPConnection bc = b.connection();
            bc.sendStanza(bc.getStanzaFactory().buildMessageStanza().to(bare(alice)).ofType(Message.Type.chat)
                    .setBody("private").addExtension(CarbonExtension.Private.INSTANCE).build());
            bc.sendStanza(bc.getStanzaFactory().buildMessageStanza().to(bare(alice)).ofType(Message.Type.chat)
                    .setBody("no-copy").addExtension(NoCopyHint.INSTANCE).build());
            assertDelivery(laptop.next(), Kind.DIRECT, "private");
            assertDelivery(laptop.next(), Kind.DIRECT, "no-copy");
            b.drain();
            assertThat(phone.drain()).isEmpty();
        }
    }

    @Test
    void forgedCarbonFromAClientIsRefusedAndNeverDelivered() throws Exception {
        String mallory = createUser("mallory");
        String alice = createUser("alice");
        try (XmppClients clients = clients()) {
            Device a = device(clients, alice, "laptop").enableCarbons();
            Device m = device(clients, mallory, "desk");
            XMPPTCPConnection mc = m.connection();
            StandardExtensionElement inner = StandardExtensionElement.builder("message", "jabber:client")
                    .addAttribute("from", "bank@" + DOMAIN + "/x").addAttribute("to", alice + "@" + DOMAIN)
                    .addAttribute("type", "chat")
                    .addElement("body", "please send your password").build();
            StandardExtensionElement forged = StandardExtensionElement.builder("received", CarbonCopies.NAMESPACE)
                    .addElement(StandardExtensionElement.builder("forwarded", CarbonCopies.FORWARD).addElement(inner).build())
                    .build();
            mc.sendStanza(mc.getStanzaFactory().buildMessageStanza().to(bare(alice)).ofType(Message.Type.chat)
                    .addExtension(forged).build());
            Delivery bounce = m.next();
            assertThat(bounce.message().getType()).isEqualTo(Message.Type.error);
            assertThat(bounce.message().getError().getCondition().toString()).isEqualTo("not-acceptable");
            assertThat(a.drain()).isEmpty();
        }
    }

    @Test
    void quietModeUseCaseStepByStep() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        double activeFlushes = flushes(FlushTrigger.ACTIVE);
        try (XmppClients clients = clients()) {
            Device phone = device(clients, alice, "phone").enableCarbons();
            Device laptop = device(clients, alice, "laptop").enableCarbons();
            Device b = device(clients, bob, "desk");
            // 1. she reads Bob's message on the laptop and answers there
            chat(b, bare(alice), "lunch?");
            assertDelivery(laptop.next(), Kind.DIRECT, "lunch?");
            assertDelivery(phone.next(), Kind.RECEIVED_COPY, "lunch?");
            chat(laptop, bare(bob), "yes, at noon");
            assertDelivery(b.next(), Kind.DIRECT, "yes, at noon");
            assertDelivery(phone.next(), Kind.SENT_COPY, "yes, at noon");

            // 2. and 3. she switches to another app on the phone: it goes quiet
            inactive(phone);
            assertThat(quietMode.quietSessionCount()).isGreaterThanOrEqualTo(1);

            // 4. Bob writes again, and types: the laptop gets both, the phone nothing (held, typing dropped)
            XMPPTCPConnection bc = b.connection();
            bc.sendStanza(bc.getStanzaFactory().buildMessageStanza().to(bare(alice)).ofType(Message.Type.chat)
                    .addExtension(new ChatStateExtension(ChatState.composing)).build());
            chat(b, bare(alice), "see you there");
            assertThat(laptop.next().message().hasExtension(ChatStateExtension.NAMESPACE)).isTrue();
            assertDelivery(laptop.next(), Kind.DIRECT, "see you there");
            b.drain();
            assertThat(phone.received()).as("nothing reaches the quiet phone").isEmpty();
            assertThat(quietMode.heldBytes()).isPositive();

            // 6. she comes back to the phone: the held message arrives, stamped; the typing notification never does
            ClientStateIndicationManager.active(phone.connection());
            Delivery held = phone.next();
            assertDelivery(held, Kind.RECEIVED_COPY, "see you there");
            assertThat(held.delayed()).isTrue();
            assertThat(phone.drain()).isEmpty();
        }
        assertThat(flushes(FlushTrigger.ACTIVE) - activeFlushes).isEqualTo(1);
    }
}
