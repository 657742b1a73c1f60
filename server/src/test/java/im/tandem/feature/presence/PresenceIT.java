package im.tandem.feature.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Nonza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Presence without subscriptions: directed presence (RFC 6121 4.6), own resources, priority. */
class PresenceIT extends TandemServerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private XmppClients clients;

    @BeforeEach
    void openClients() {
        clients = clients();
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    void directedPresenceIsFollowedByUnavailableWhenTheSenderLeaves() throws Exception {
        String ivan = createUser("ivan");
        String judy = createUser("judy");
        XMPPTCPConnection i = clients.login(ivan, PASSWORD, "desk");
        XMPPTCPConnection j = clients.login(judy, PASSWORD, "desk");
        List<Presence> received = collectPresences(j);
        // login returns before the server has seen judy's initial presence; its echo shows she is available
        awaitTrue("judy is available", () -> received.stream().anyMatch(p -> p.getFrom().equals(j.getUser())));

        Presence directed = new Presence(Presence.Type.available, "hello", 0, Presence.Mode.chat);
        directed.setTo(JidCreate.bareFrom(judy + "@" + DOMAIN));
        i.sendStanza(directed);
        awaitTrue("judy gets the directed presence", () -> received.stream().anyMatch(
                p -> p.isAvailable() && "hello".equals(p.getStatus()) && p.getFrom().equals(i.getUser())));

        i.disconnect();
        awaitTrue("judy learns ivan left", () -> received.stream().anyMatch(
                p -> p.getType() == Presence.Type.unavailable && p.getFrom().equals(i.getUser())));
    }

    @Test
    void ownResourcesSeeEachOther() throws Exception {
        String kim = createUser("kim");
        XMPPTCPConnection phone = clients.login(kim, PASSWORD, "phone");
        List<Presence> atPhone = collectPresences(phone);
        XMPPTCPConnection laptop = clients.login(kim, PASSWORD, "laptop");
        awaitTrue("the phone sees the laptop come online", () -> atPhone.stream().anyMatch(
                p -> p.isAvailable() && p.getFrom().equals(laptop.getUser())));

        laptop.disconnect();
        awaitTrue("the phone sees the laptop leave", () -> atPhone.stream().anyMatch(
                p -> p.getType() == Presence.Type.unavailable && p.getFrom().equals(laptop.getUser())));
    }

    @Test
    void invalidPriorityIsABadRequest() throws Exception {
        String lee = createUser("lee");
        XMPPTCPConnection c = clients.login(lee, PASSWORD, "desk");
        List<Presence> received = collectPresences(c);
        c.sendNonza(new Nonza() {
            @Override
            public String getNamespace() {
                return "jabber:client";
            }

            @Override
            public String getElementName() {
                return "presence";
            }

            @Override
            public CharSequence toXML(XmlEnvironment environment) {
                return "<presence xmlns='jabber:client' id='bad-priority'><priority>300</priority></presence>";
            }
        });
        awaitTrue("an error comes back", () -> received.stream().anyMatch(p -> p.getType() == Presence.Type.error));
        Presence error = received.stream().filter(p -> p.getType() == Presence.Type.error).findFirst().orElseThrow();
        assertEquals(StanzaError.Condition.bad_request, error.getError().getCondition());
    }

    private static List<Presence> collectPresences(XMPPTCPConnection connection) {
        List<Presence> received = new CopyOnWriteArrayList<>();
        connection.addAsyncStanzaListener(stanza -> received.add((Presence) stanza), StanzaTypeFilter.PRESENCE);
        return received;
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
