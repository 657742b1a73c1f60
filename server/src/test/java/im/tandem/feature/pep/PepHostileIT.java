package im.tandem.feature.pep;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.feature.pubsub.PubsubProperties;
import im.tandem.support.RawXmppClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** PEP refuses what it must: oversize items, too many nodes, other users' services, malformed requests. */
class PepHostileIT extends PepTestSupport {

    private static final String ERRORS = "xmlns=\"http://jabber.org/protocol/pubsub#errors\"";

    @Autowired
    private PubsubProperties properties;

    @Test
    void anItemBeyondTheSizeLimitIsRefused() throws Exception {
        String alice = createUser("alice");
        try (RawXmppClient raw = rawUser(alice, "raw")) {
            String big = "<v xmlns='urn:example'>" + "x".repeat((int) properties.maxItemSize().toBytes()) + "</v>";
            String reply = iq(raw, "big", publish("big", null, "urn:example:big", "1", big));
            assertThat(reply).contains("type=\"error\"").contains("<not-acceptable").contains("<payload-too-big " + ERRORS);
            String items = iq(raw, "i", items("i", alice + "@localhost", "urn:example:big", null));
            assertThat(items).contains("<item-not-found");
        }
    }

    @Test
    void aNodeKeepsNoMoreThanItsMaxItems() throws Exception {
        String alice = createUser("alice");
        try (RawXmppClient raw = rawUser(alice, "raw")) {
            for (int i = 0; i < 6; i++) {
                assertThat(iq(raw, "p" + i, publish("p" + i, null, "urn:example:few", "i" + i, "<v xmlns='urn:example'/>",
                        "pubsub#max_items", "2"))).contains("type=\"result\"");
            }
            String items = iq(raw, "i", items("i", alice + "@localhost", "urn:example:few", null));
            assertThat(items).contains("id=\"i4\"").contains("id=\"i5\"").doesNotContain("id=\"i3\"");
            String tooMany = iq(raw, "c", "<iq type='set' id='c'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'>"
                    + "<configure node='urn:example:few'>" + form("http://jabber.org/protocol/pubsub#node_config",
                    "pubsub#max_items", Integer.toString(properties.maxItemsPerNode() + 1)) + "</configure></pubsub></iq>");
            assertThat(tooMany).contains("<not-acceptable");
        }
    }

    @Test
    void anAccountHasNoMoreThanTheNodeLimit() throws Exception {
        String alice = createUser("alice");
        try (RawXmppClient raw = rawUser(alice, "raw")) {
            for (int i = 0; i < properties.maxNodesPerOwner(); i++) {
                assertThat(iq(raw, "n" + i, "<iq type='set' id='n" + i + "'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                        + "<create node='urn:example:n" + i + "'/></pubsub></iq>")).contains("type=\"result\"");
            }
            String refused = iq(raw, "over", publish("over", null, "urn:example:over", "1", "<v xmlns='urn:example'/>"));
            assertThat(refused).contains("<not-allowed").contains("<max-nodes-exceeded " + ERRORS);
        }
    }

    @Test
    void nobodyPublishesToOrManagesAnotherUsersService() throws Exception {
        String alice = createUser("alice");
        String mallory = createUser("mallory");
        contacts(alice, mallory);
        try (RawXmppClient owner = rawUser(alice, "raw"); RawXmppClient attacker = rawUser(mallory, "raw")) {
            iq(owner, "p", publish("p", null, "urn:example:mine", "1", "<v xmlns='urn:example'>original</v>"));
            String service = alice + "@localhost";
            assertThat(iq(attacker, "x1", publish("x1", service, "urn:example:mine", "1", "<v xmlns='urn:example'>evil</v>")))
                    .contains("<forbidden");
            assertThat(iq(attacker, "x2", "<iq type='set' id='x2' to='" + service + "'><pubsub "
                    + "xmlns='http://jabber.org/protocol/pubsub#owner'><delete node='urn:example:mine'/></pubsub></iq>"))
                    .contains("<forbidden");
            assertThat(iq(attacker, "x3", "<iq type='set' id='x3' to='" + service + "'><pubsub "
                    + "xmlns='http://jabber.org/protocol/pubsub'><retract node='urn:example:mine'><item id='1'/></retract>"
                    + "</pubsub></iq>")).contains("<forbidden");
            assertThat(iq(owner, "r", items("r", service, "urn:example:mine", null))).contains("original")
                    .doesNotContain("evil");
        }
    }

    @Test
    void malformedRequestsGetBadRequestWithThePubsubCondition() throws Exception {
        String alice = createUser("alice");
        try (RawXmppClient raw = rawUser(alice, "raw")) {
            String noNode = iq(raw, "a", "<iq type='set' id='a'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<publish><item><v xmlns='urn:example'/></item></publish></pubsub></iq>");
            assertThat(noNode).contains("<bad-request").contains("<nodeid-required " + ERRORS);
            String twoPayloads = iq(raw, "b", publish("b", null, "urn:example:m", "1",
                    "<v xmlns='urn:example'/><w xmlns='urn:example'/>"));
            assertThat(twoPayloads).contains("<bad-request").contains("<invalid-payload " + ERRORS);
            String noPayload = iq(raw, "c", publish("c", null, "urn:example:m", "1", ""));
            assertThat(noPayload).contains("<bad-request").contains("<payload-required " + ERRORS);
            String noItem = iq(raw, "d", "<iq type='set' id='d'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<publish node='urn:example:m'/></pubsub></iq>");
            assertThat(noItem).contains("<bad-request").contains("<item-required " + ERRORS);
            String badMax = iq(raw, "e", items("e", alice + "@localhost", "urn:example:m", "max_items='-3'"));
            assertThat(badMax).contains("<bad-request");
            String wrongForm = iq(raw, "f", "<iq type='set' id='f'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<publish node='urn:example:m'><item><v xmlns='urn:example'/></item></publish><publish-options>"
                    + form("urn:example:not-publish-options", "pubsub#access_model", "open")
                    + "</publish-options></pubsub></iq>");
            assertThat(wrongForm).contains("<bad-request").contains("<invalid-options " + ERRORS);
            String badAccess = iq(raw, "g", "<iq type='set' id='g'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<create node='urn:example:g'/><configure>" + form("http://jabber.org/protocol/pubsub#node_config",
                    "pubsub#access_model", "authorize") + "</configure></pubsub></iq>");
            assertThat(badAccess).contains("<not-acceptable");
        }
    }

    @Test
    void theOwnerReadsAndChangesTheConfigurationAndDeletesNodes() throws Exception {
        String alice = createUser("alice");
        try (RawXmppClient raw = rawUser(alice, "raw")) {
            iq(raw, "p", publish("p", null, "urn:example:c", "1", "<v xmlns='urn:example'/>"));
            String config = iq(raw, "g", "<iq type='get' id='g'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'>"
                    + "<configure node='urn:example:c'/></pubsub></iq>");
            assertThat(config).contains("pubsub#access_model").contains("<value>presence</value>");
            assertThat(iq(raw, "s", "<iq type='set' id='s'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'>"
                    + "<configure node='urn:example:c'>" + form("http://jabber.org/protocol/pubsub#node_config",
                    "pubsub#access_model", "open", "pubsub#max_items", "max") + "</configure></pubsub></iq>"))
                    .contains("type=\"result\"");
            assertThat(iq(raw, "g2", "<iq type='get' id='g2'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'>"
                    + "<configure node='urn:example:c'/></pubsub></iq>")).contains("<value>open</value>")
                    .contains("<value>" + properties.maxItemsPerNode() + "</value>");
            assertThat(iq(raw, "d", "<iq type='set' id='d'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'>"
                    + "<delete node='urn:example:c'/></pubsub></iq>")).contains("type=\"result\"");
            assertThat(iq(raw, "i", items("i", alice + "@localhost", "urn:example:c", null))).contains("<item-not-found");
        }
    }
}
