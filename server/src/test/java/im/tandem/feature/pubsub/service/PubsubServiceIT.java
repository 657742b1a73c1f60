package im.tandem.feature.pubsub.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.feature.pep.PepTestSupport;
import im.tandem.support.RawXmppClient;
import im.tandem.support.XmppClients;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.filter.EventExtensionFilter;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** The generic pubsub service at pubsub.localhost, driven by Smack's PubSubManager. */
class PubsubServiceIT extends PepTestSupport {

    private static final String SERVICE = "pubsub.localhost";

    private static PayloadItem<SimplePayload> item(String id, String text) {
        return new PayloadItem<>(id, new SimplePayload("<news xmlns='urn:example:news'>" + text + "</news>"));
    }

    @Test
    void ownersCreateAndPublishSubscribersAreNotifiedOthersMayNotPublish() throws Exception {
        String owner = createUser("owner");
        String reader = createUser("reader");
        try (XmppClients clients = clients()) {
            var o = clients.login(owner, PASSWORD, "desk");
            var r = clients.login(reader, PASSWORD, "phone");
            var disco = ServiceDiscoveryManager.getInstanceFor(r);
            assertThat(disco.discoverItems(JidCreate.domainBareFrom("localhost")).getItems())
                    .anySatisfy(i -> assertThat(i.getEntityID().toString()).isEqualTo(SERVICE));
            assertThat(disco.discoverInfo(JidCreate.domainBareFrom(SERVICE)).hasIdentity("pubsub", "service")).isTrue();

            String nodeName = "news-" + owner;
            LeafNode created = PubSubManager.getInstanceFor(o, JidCreate.bareFrom(SERVICE)).createNode(nodeName);
            LeafNode seen = PubSubManager.getInstanceFor(r, JidCreate.bareFrom(SERVICE)).getLeafNode(nodeName);
            StanzaCollector events = r.createStanzaCollector(EventExtensionFilter.INSTANCE);
            seen.subscribe(r.getUser().asBareJid());

            created.publish(item("n1", "hello"));
            Message event = events.nextResult(10_000);
            assertThat(event).isNotNull();
            assertThat(event.toXML().toString()).contains("hello").contains("from='" + SERVICE + "'");
            List<PayloadItem<SimplePayload>> items = seen.getItems();
            assertThat(items).hasSize(1);

            assertThatThrownBy(() -> seen.publish(item("x", "forged")))
                    .isInstanceOfSatisfying(XMPPErrorException.class,
                            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
            assertThatThrownBy(() -> PubSubManager.getInstanceFor(r, JidCreate.bareFrom(SERVICE)).deleteNode(nodeName))
                    .isInstanceOfSatisfying(XMPPErrorException.class,
                            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));

            seen.unsubscribe(r.getUser().asBareJid().toString());
            created.publish(item("n2", "after unsubscribe"));
            List<PayloadItem<SimplePayload>> latest = seen.getItems();
            // a node keeps one item unless configured otherwise
            assertThat(latest).hasSize(1);
            assertThat(latest.get(0).getId()).isEqualTo("n2");
            Message late = events.nextResult(500);
            assertThat(late).isNull();

            PubSubManager.getInstanceFor(o, JidCreate.bareFrom(SERVICE)).deleteNode(nodeName);
            try (RawXmppClient raw = rawUser(reader, "raw")) {
                assertThat(iq(raw, "gone", items("gone", SERVICE, nodeName, null))).contains("<item-not-found");
            }
        }
    }

    @Test
    void whitelistedNodesAreClosedToStrangers() throws Exception {
        String owner = createUser("owner");
        String stranger = createUser("stranger");
        try (RawXmppClient o = rawUser(owner, "raw"); RawXmppClient s = rawUser(stranger, "raw")) {
            String node = "secret-" + owner;
            assertThat(iq(o, "c", "<iq type='set' id='c' to='" + SERVICE + "'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<create node='" + node + "'/><configure>" + form("http://jabber.org/protocol/pubsub#node_config",
                    "pubsub#access_model", "whitelist") + "</configure></pubsub></iq>")).contains("type=\"result\"");
            assertThat(iq(o, "p", publish("p", SERVICE, node, "1", "<v xmlns='urn:example'>secret</v>")))
                    .contains("type=\"result\"");
            assertThat(iq(s, "forge", publish("forge", SERVICE, node, "1", "<v xmlns='urn:example'>forged</v>")))
                    .contains("<forbidden");
            assertThat(iq(s, "r", items("r", SERVICE, node, null))).contains("<closed-node").doesNotContain("secret<");
            assertThat(iq(s, "sub", "<iq type='set' id='sub' to='" + SERVICE + "'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<subscribe node='" + node + "' jid='" + stranger + "@localhost'/></pubsub></iq>")).contains("<not-allowed");
            assertThat(iq(s, "sub2", "<iq type='set' id='sub2' to='" + SERVICE + "'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<subscribe node='" + node + "' jid='" + owner + "@localhost'/></pubsub></iq>")).contains("<bad-request")
                    .contains("<invalid-jid");
        }
    }
}
