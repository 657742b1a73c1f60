package im.tandem.feature.pep;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.support.RawXmppClient;
import im.tandem.support.XmppClients;
import org.junit.jupiter.api.Test;

/** What OMEMO clients (XEP-0384) do with PEP: open device lists and bundles through publish-options. */
class OmemoPepIT extends PepTestSupport {

    private static final String LEGACY_DEVICES = "eu.siacs.conversations.axolotl.devicelist";
    private static final String DEVICES = "urn:xmpp:omemo:2:devices";

    @Test
    void deviceListsAndBundlesPublishedOpenAreReadableByStrangers() throws Exception {
        String alice = createUser("alice");
        String stranger = createUser("stranger");
        String service = alice + "@localhost";
        try (RawXmppClient phone = rawUser(alice, "phone"); RawXmppClient other = rawUser(stranger, "pc")) {
            assertThat(iq(phone, "d1", publish("d1", null, LEGACY_DEVICES, "current",
                    "<list xmlns='eu.siacs.conversations.axolotl'><device id='1234'/></list>",
                    "pubsub#access_model", "open"))).contains("type=\"result\"");
            assertThat(iq(phone, "d2", publish("d2", null, DEVICES, "current",
                    "<devices xmlns='urn:xmpp:omemo:2'><device id='1234'/></devices>",
                    "pubsub#access_model", "open", "pubsub#max_items", "max"))).contains("type=\"result\"");
            assertThat(iq(phone, "b1", publish("b1", null, "urn:xmpp:omemo:2:bundles", "1234",
                    "<bundle xmlns='urn:xmpp:omemo:2'><spk id='1'>AAAA</spk></bundle>",
                    "pubsub#access_model", "open", "pubsub#max_items", "max"))).contains("type=\"result\"");

            assertThat(iq(other, "r1", items("r1", service, LEGACY_DEVICES, null))).contains("device id=\"1234\"");
            assertThat(iq(other, "r2", items("r2", service, DEVICES, null))).contains("device id=\"1234\"");
            assertThat(iq(other, "r3", "<iq type='get' id='r3' to='" + service + "'><pubsub "
                    + "xmlns='http://jabber.org/protocol/pubsub'><items node='urn:xmpp:omemo:2:bundles'>"
                    + "<item id='1234'/></items></pubsub></iq>")).contains("<spk id=\"1\">AAAA</spk>");
        }
    }

    @Test
    void aClientThatMeetsAPreconditionReconfiguresAndPublishesAgain() throws Exception {
        String alice = createUser("alice");
        String stranger = createUser("stranger");
        String list = "<list xmlns='eu.siacs.conversations.axolotl'><device id='99'/></list>";
        try (XmppClients clients = clients(); RawXmppClient phone = rawUser(alice, "phone");
             RawXmppClient other = rawUser(stranger, "pc")) {
            var contactlessDevice = device(clients, stranger, "watch", LEGACY_DEVICES);
            iq(phone, "p1", publish("p1", null, LEGACY_DEVICES, "current", list));
            assertThat(iq(other, "r1", items("r1", alice + "@localhost", LEGACY_DEVICES, null))).contains("<not-authorized");
            assertThat(iq(phone, "p2", publish("p2", null, LEGACY_DEVICES, "current", list, "pubsub#access_model", "open")))
                    .contains("<precondition-not-met");
            assertThat(iq(phone, "c1", "<iq type='set' id='c1'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'>"
                    + "<configure node='" + LEGACY_DEVICES + "'>" + form("http://jabber.org/protocol/pubsub#node_config",
                    "pubsub#access_model", "open") + "</configure></pubsub></iq>")).contains("type=\"result\"");
            assertThat(iq(phone, "p3", publish("p3", null, LEGACY_DEVICES, "current", list, "pubsub#access_model", "open")))
                    .contains("type=\"result\"");
            assertThat(iq(other, "r2", items("r2", alice + "@localhost", LEGACY_DEVICES, null))).contains("device id=\"99\"");
            // open lets a stranger read, but notifications follow presence subscriptions only
            assertThat(contactlessDevice.drain()).isEmpty();
        }
    }
}
