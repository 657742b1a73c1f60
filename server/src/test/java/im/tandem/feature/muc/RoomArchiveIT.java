package im.tandem.feature.muc;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.support.RawXmppClient;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * Room archives (XEP-0313 on the room's JID): every groupchat message with a body is archived
 * once however many occupants and sessions receive it, in order, and broadcast with the room's
 * stanza-id, the same id the archive answers with (written in the background of the broadcast); an occupant can page through it; in a
 * members-only room an outsider may not read it.
 */
class RoomArchiveIT extends TandemServerTest {

    private static final String SERVICE = "conference." + DOMAIN;

    private static EntityBareJid room(String name) throws Exception {
        return JidCreate.entityBareFrom(name + "@" + SERVICE);
    }

    @Test
    void messagesAreArchivedOnceWithTheStanzaIdTheyWereBroadcastWith() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        EntityBareJid roomJid = room("archived-" + alice);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection aliceDesk = clients.login(alice, PASSWORD, "desk");
            XMPPTCPConnection bobPhone = clients.login(bob, PASSWORD, "phone");
            XMPPTCPConnection bobLaptop = clients.login(bob, PASSWORD, "laptop");
            MultiUserChat owner = MultiUserChatManager.getInstanceFor(aliceDesk).getMultiUserChat(roomJid);
            owner.create(Resourcepart.from("alice")).makeInstant();
            BlockingQueue<Message> phoneInbox = new LinkedBlockingQueue<>();
            BlockingQueue<Message> laptopInbox = new LinkedBlockingQueue<>();
            MultiUserChat onPhone = MultiUserChatManager.getInstanceFor(bobPhone).getMultiUserChat(roomJid);
            onPhone.addMessageListener(phoneInbox::add);
            onPhone.join(Resourcepart.from("bob"));
            MultiUserChat onLaptop = MultiUserChatManager.getInstanceFor(bobLaptop).getMultiUserChat(roomJid);
            onLaptop.addMessageListener(laptopInbox::add);
            onLaptop.join(Resourcepart.from("bob"));

            for (int i = 1; i <= 5; i++) {
                owner.sendMessage("room message " + i);
            }
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                Message onThePhone = nextWithBody(phoneInbox);
                Message onTheLaptop = nextWithBody(laptopInbox);
                assertThat(onThePhone.getBody()).isEqualTo("room message " + i);
                StanzaIdElement id = StanzaIdElement.getStanzaId(onThePhone);
                assertThat(id).isNotNull();
                assertThat(id.getBy()).isEqualTo(roomJid.toString());
                assertThat(StanzaIdElement.getStanzaId(onTheLaptop).getId()).isEqualTo(id.getId());
                ids.add(id.getId());
            }

            MamManager roomArchive = MamManager.getInstanceFor(onPhone);
            assertThat(roomArchive.isSupported()).isTrue();
            // the room writes its archive in the background of the broadcast: wait until all five are in
            for (int i = 0; i < 200 && roomArchive.queryArchive(MamQueryArgs.builder().setResultPageSize(10).build())
                    .getMessageCount() < 5; i++) {
                Thread.sleep(50);
            }
            assertThat(roomArchive.queryArchive(MamQueryArgs.builder().setResultPageSize(10).build()).getMessages())
                    .extracting(Message::getBody).containsExactly("room message 1", "room message 2", "room message 3",
                            "room message 4", "room message 5");
            MamManager.MamQuery page = roomArchive.queryArchive(MamQueryArgs.builder().setResultPageSize(3).build());
            assertThat(page.getMessages()).extracting(Message::getBody)
                    .containsExactly("room message 1", "room message 2", "room message 3");
            assertThat(page.isComplete()).isFalse();
            MamManager.MamQuery rest = roomArchive.queryArchive(MamQueryArgs.builder()
                    .afterUid(page.getMamResultExtensions().get(2).getId()).build());
            assertThat(rest.getMessages()).extracting(Message::getBody).containsExactly("room message 4", "room message 5");
            assertThat(rest.getMamResultExtensions()).extracting(r -> r.getId()).containsExactly(ids.get(3), ids.get(4));
        }
    }

    /** The next message with a body (the subject message on joining has none). */
    private static Message nextWithBody(BlockingQueue<Message> inbox) throws InterruptedException {
        while (true) {
            Message m = inbox.poll(20, TimeUnit.SECONDS);
            assertThat(m).as("a room message").isNotNull();
            if (m.getBody() != null) {
                return m;
            }
        }
    }

    @Test
    void anOutsiderCannotReadAMembersOnlyRoomsArchive() throws Exception {
        String carol = createUser("carol");
        String mallory = createUser("mallory");
        EntityBareJid roomJid = room("secret-" + carol);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection carolDesk = clients.login(carol, PASSWORD, "desk");
            MultiUserChat owner = MultiUserChatManager.getInstanceFor(carolDesk).getMultiUserChat(roomJid);
            owner.create(Resourcepart.from("carol")).getConfigFormManager().makeMembersOnly().submitConfigurationForm();
            owner.sendMessage("for members only");
            try (RawXmppClient outsider = RawXmppClient.authenticated(c2s.port(), serverCertificate(), DOMAIN, mallory,
                    PASSWORD).bindAndGoOnline("desk")) {
                outsider.send("<iq type='set' id='q1' to='" + roomJid + "'><query xmlns='urn:xmpp:mam:2' queryid='x'/></iq>");
                String answer = outsider.await("</iq>");
                assertThat(answer).contains("id=\"q1\"").contains("type=\"error\"").contains("<forbidden")
                        .doesNotContain("for members only");
            }
        }
    }
}
