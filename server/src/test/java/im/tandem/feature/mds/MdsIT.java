package im.tandem.feature.mds;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.feature.pep.PepTestSupport;
import im.tandem.support.RawXmppClient;
import im.tandem.support.XmppClients;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Message Displayed Synchronization (XEP-0490): a chat read on one device shows as read on the others. */
class MdsIT extends PepTestSupport {

    private static final String NODE = "urn:xmpp:mds:displayed:0";

    private static String displayed(String stanzaId) {
        return "<displayed xmlns='urn:xmpp:mds:displayed:0'><stanza-id xmlns='urn:xmpp:sid:0' by='x' id='"
                + stanzaId + "'/></displayed>";
    }

    @Test
    void aPublishedDisplayedStateReachesTheUsersOtherDevice() throws Exception {
        String alice = createUser("alice");
        try (XmppClients clients = clients(); RawXmppClient phone = rawUser(alice, "phone")) {
            var desk = device(clients, alice, "desk", NODE);
            String reply = iq(phone, "m1", publish("m1", null, NODE, "bob@localhost", displayed("sid-1"),
                    "pubsub#access_model", "whitelist", "pubsub#max_items", "max", "pubsub#persist_items", "true"));
            assertThat(reply).contains("type=\"result\"");
            String event = desk.next();
            assertThat(event).contains("node='" + NODE + "'").contains("id='bob@localhost'").contains("sid-1");
        }
    }

    @Test
    void aDisplayedElementOnAMessageUpdatesTheNodeAndIsStrippedForTheContact() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        contacts(alice, bob);
        String bobJid = bob + "@localhost";
        try (XmppClients clients = clients(); RawXmppClient phone = rawUser(alice, "phone");
             RawXmppClient bobClient = rawUser(bob, "pc")) {
            var desk = device(clients, alice, "desk", NODE);
            var info = ServiceDiscoveryManager.getInstanceFor(desk.connection())
                    .discoverInfo(JidCreate.bareFrom(alice + "@localhost"));
            assertThat(info.containsFeature(MdsServerAssist.SERVER_ASSIST)).isTrue();
            bobClient.send("<presence/>");
            iq(bobClient, "sync", "<iq type='get' id='sync'><ping xmlns='urn:xmpp:ping'/></iq>");

            phone.send("<message to='" + bobJid + "' type='chat' id='mark1'>"
                    + "<displayed xmlns='urn:xmpp:chat-markers:0' id='their-msg-1'/>" + displayed("sid-7") + "</message>");

            String atBob = bobClient.awaitMatch("(<message[^>]*id=\"mark1\".*?</message>)");
            assertThat(atBob).contains("urn:xmpp:chat-markers:0").doesNotContain(NODE).doesNotContain("sid-7");
            String event = desk.next();
            assertThat(event).contains("id='" + bobJid + "'").contains("sid-7");

            // whitelisted: bob, a contact, does not read alice's displayed states
            String bobReads = iq(bobClient, "r", items("r", alice + "@localhost", NODE, null));
            assertThat(bobReads).contains("<not-allowed").doesNotContain("sid-7");
            String aliceReads = iq(phone, "a", items("a", alice + "@localhost", NODE, null));
            assertThat(aliceReads).contains("sid-7").contains("id=\"" + bobJid + "\"");
        }
    }
}
