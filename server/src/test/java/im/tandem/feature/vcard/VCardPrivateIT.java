package im.tandem.feature.vcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.iqprivate.PrivateDataManager;
import org.jivesoftware.smackx.iqprivate.packet.DefaultPrivateData;
import org.jivesoftware.smackx.iqprivate.packet.PrivateData;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** XEP-0054 vCards and XEP-0049 private XML storage end to end. */
class VCardPrivateIT extends TandemServerTest {

    @Test
    void ownVCardIsSavedAndReadByOthers() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        EntityBareJid aliceJid = JidCreate.entityBareFrom(alice + "@" + DOMAIN);
        EntityBareJid bobJid = JidCreate.entityBareFrom(bob + "@" + DOMAIN);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "phone");
            XMPPTCPConnection b = clients.login(bob, PASSWORD, "laptop");
            VCardManager aliceCards = VCardManager.getInstanceFor(a);
            assertThat(VCardManager.isSupported(aliceJid, a)).isTrue();
            assertThat(ServiceDiscoveryManager.getInstanceFor(a).serverSupportsFeature("vcard-temp")).isTrue();

            VCard empty = aliceCards.loadVCard();
            assertThat(empty.getFirstName()).isNull();

            VCard card = new VCard();
            card.setFirstName("Alice");
            card.setLastName("Liddell");
            card.setNickName("ally & co <3");
            aliceCards.saveVCard(card);

            VCard own = aliceCards.loadVCard();
            assertThat(own.getFirstName()).isEqualTo("Alice");
            assertThat(own.getNickName()).isEqualTo("ally & co <3");

            VCard seenByBob = VCardManager.getInstanceFor(b).loadVCard(aliceJid);
            assertThat(seenByBob.getLastName()).isEqualTo("Liddell");

            // bob has none: an empty vCard, not an error
            VCard bobs = aliceCards.loadVCard(bobJid);
            assertThat(bobs.getFirstName()).isNull();
        }
    }

    @Test
    void privateXmlRoundTripsPerNamespace() throws Exception {
        String alice = createUser("alice");
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "phone");
            PrivateDataManager storage = PrivateDataManager.getInstanceFor(a);

            PrivateData nothing = storage.getPrivateData("prefs", "urn:example:prefs");
            assertThat(((DefaultPrivateData) nothing).getNames()).isEmpty();

            DefaultPrivateData prefs = new DefaultPrivateData("prefs", "urn:example:prefs");
            prefs.setValue("theme", "dark");
            storage.setPrivateData(prefs);

            DefaultPrivateData read = (DefaultPrivateData) storage.getPrivateData("prefs", "urn:example:prefs");
            assertThat(read.getValue("theme")).isEqualTo("dark");

            DefaultPrivateData reserved = new DefaultPrivateData("query", "jabber:iq:roster");
            reserved.setValue("x", "y");
            assertThatThrownBy(() -> storage.setPrivateData(reserved))
                    .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e -> assertThat(
                            e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable));
        }
    }
}
