package im.tandem.feature.pep;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.feature.pubsub.PubsubNodes;
import im.tandem.feature.pubsub.PubsubProperties;
import im.tandem.store.PubsubStore;
import im.tandem.support.RawXmppClient;
import im.tandem.support.XmppClients;
import java.util.List;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.pep.PepManager;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** PEP end to end: publication, caps-driven notifications, last items, access models, publish-options. */
class PepIT extends PepTestSupport {

    private static final String TUNE = "http://jabber.org/protocol/tune";

    @Autowired
    private DatabaseClient db;

    @Autowired
    private PubsubProperties properties;

    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;

    private double counted(String name) {
        var counter = meters.find(name).tag("service", "pep").counter();
        return counter == null ? 0 : counter.count();
    }

    private static PayloadItem<SimplePayload> tune(String id, String title) {
        return new PayloadItem<>(id, new SimplePayload("<tune xmlns='" + TUNE + "'><title>" + title + "</title></tune>"));
    }

    @Test
    void publicationNotifiesOwnDevicesAndContactsWhoseCapsAskForTheNode() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        String carol = createUser("carol");
        String stranger = createUser("stranger");
        contacts(alice, bob);
        contacts(alice, carol);
        try (XmppClients clients = clients()) {
            PepDevice phone = device(clients, alice, "phone", TUNE);
            PepDevice desk = device(clients, alice, "desk", TUNE);
            PepDevice bobDevice = device(clients, bob, "pc", TUNE);
            PepDevice carolDevice = device(clients, carol, "pc");
            PepDevice strangerDevice = device(clients, stranger, "pc", TUNE);
            double published = counted(im.tandem.admin.MeterNames.PUBSUB_PUBLICATIONS);
            double notified = counted(im.tandem.admin.MeterNames.PUBSUB_NOTIFICATIONS);

            PepManager.getInstanceFor(phone.connection()).publish(TUNE, tune("t1", "Song One"));

            String atBob = bobDevice.next();
            assertThat(atBob).contains("Song One").contains("from='" + alice + "@localhost'").contains("headline");
            assertThat(desk.next()).contains("Song One");
            assertThat(phone.next()).contains("Song One");
            assertThat(carolDevice.drain()).isEmpty();
            assertThat(strangerDevice.drain()).isEmpty();
            assertThat(counted(im.tandem.admin.MeterNames.PUBSUB_PUBLICATIONS)).isGreaterThanOrEqualTo(published + 1);
            assertThat(counted(im.tandem.admin.MeterNames.PUBSUB_NOTIFICATIONS)).isGreaterThanOrEqualTo(notified + 3);
        }
    }

    @Test
    void contactLoggingInGetsTheLastItemOfNodesItsCapsAskFor() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        contacts(alice, bob);
        try (XmppClients clients = clients()) {
            var aliceConnection = clients.login(alice, PASSWORD, "phone");
            PepManager pep = PepManager.getInstanceFor(aliceConnection);
            pep.publish(TUNE, tune("t1", "Old Song"));
            pep.publish(TUNE, tune("t2", "New Song"));

            PepDevice later = device(clients, bob, "tablet", TUNE);
            String event = later.next();
            assertThat(event).contains("New Song").doesNotContain("Old Song").contains("urn:xmpp:delay");
            assertThat(later.drain()).isEmpty();

            PepDevice uninterested = device(clients, bob, "watch");
            assertThat(uninterested.drain()).isEmpty();
        }
    }

    @Test
    void publishOptionsArePreconditionsOnAnExistingNode() throws Exception {
        String alice = createUser("alice");
        try (RawXmppClient raw = rawUser(alice, "raw")) {
            String node = "urn:example:options";
            assertThat(iq(raw, "p1", publish("p1", null, node, "a", "<v xmlns='urn:example'/>",
                    "pubsub#access_model", "open", "pubsub#max_items", "max"))).contains("type=\"result\"");
            assertThat(iq(raw, "p2", publish("p2", null, node, "b", "<v xmlns='urn:example'/>",
                    "pubsub#access_model", "open"))).contains("type=\"result\"");
            String conflict = iq(raw, "p3", publish("p3", null, node, "c", "<v xmlns='urn:example'/>",
                    "pubsub#access_model", "whitelist"));
            assertThat(conflict).contains("type=\"error\"").contains("<conflict")
                    .contains("<precondition-not-met xmlns=\"http://jabber.org/protocol/pubsub#errors\"");
            // max_items=max: every item is kept
            for (int i = 0; i < 5; i++) {
                iq(raw, "m" + i, publish("m" + i, null, node, "item" + i, "<v xmlns='urn:example'/>"));
            }
            String all = iq(raw, "i1", items("i1", alice + "@localhost", node, null));
            assertThat(all).contains("id=\"a\"").contains("id=\"b\"").contains("id=\"item4\"").doesNotContain("id=\"c\"");
            String two = iq(raw, "i2", items("i2", alice + "@localhost", node, "max_items='2'"));
            assertThat(two).contains("id=\"item3\"").contains("id=\"item4\"").doesNotContain("id=\"item2\"");
            String byId = iq(raw, "i3", "<iq type='get' id='i3'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<items node='" + node + "'><item id='b'/></items></pubsub></iq>");
            assertThat(byId).contains("id=\"b\"").doesNotContain("id=\"a\"");
        }
    }

    @Test
    void accessModelsDecideWhoReadsItems() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        String stranger = createUser("stranger");
        contacts(alice, bob);
        String service = alice + "@localhost";
        try (RawXmppClient owner = rawUser(alice, "raw"); RawXmppClient friend = rawUser(bob, "raw");
             RawXmppClient other = rawUser(stranger, "raw")) {
            iq(owner, "a1", publish("a1", null, "urn:example:presence", "x", "<v xmlns='urn:example'/>"));
            iq(owner, "a2", publish("a2", null, "urn:example:open", "x", "<v xmlns='urn:example'/>",
                    "pubsub#access_model", "open"));
            iq(owner, "a3", publish("a3", null, "urn:example:white", "x", "<v xmlns='urn:example'/>",
                    "pubsub#access_model", "whitelist"));

            assertThat(iq(friend, "b1", items("b1", service, "urn:example:presence", null))).contains("type=\"result\"")
                    .contains("id=\"x\"");
            assertThat(iq(other, "s1", items("s1", service, "urn:example:presence", null))).contains("<not-authorized")
                    .contains("<presence-subscription-required").doesNotContain("<v ");
            assertThat(iq(other, "s2", items("s2", service, "urn:example:open", null))).contains("id=\"x\"");
            assertThat(iq(friend, "b2", items("b2", service, "urn:example:white", null))).contains("<not-allowed")
                    .contains("<closed-node").doesNotContain("<v ");

            // the stranger's disco#items shows the open node alone
            String disco = iq(other, "d1", "<iq type='get' id='d1' to='" + service
                    + "'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
            assertThat(disco).contains("urn:example:open").doesNotContain("urn:example:presence")
                    .doesNotContain("urn:example:white");

            // whitelisting bob lets him in
            assertThat(iq(owner, "w1", "<iq type='set' id='w1'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'>"
                    + "<affiliations node='urn:example:white'><affiliation jid='" + bob + "@localhost' affiliation='member'/>"
                    + "</affiliations></pubsub></iq>")).contains("type=\"result\"");
            assertThat(iq(friend, "b3", items("b3", service, "urn:example:white", null))).contains("id=\"x\"");
        }
    }

    @Test
    void accountAdvertisesPepAndSmackReadsNodesBack() throws Exception {
        String alice = createUser("alice");
        try (XmppClients clients = clients()) {
            var c = clients.login(alice, PASSWORD, "desk");
            DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(c).discoverInfo(c.getUser().asBareJid());
            assertThat(info.hasIdentity("pubsub", "pep")).isTrue();
            assertThat(info.containsFeature("http://jabber.org/protocol/pubsub#publish")).isTrue();
            assertThat(info.containsFeature("http://jabber.org/protocol/pubsub#publish-options")).isTrue();
            assertThat(PepManager.getInstanceFor(c).isSupported()).isTrue();

            PepManager.getInstanceFor(c).publish("urn:example:smack",
                    new PayloadItem<>("k1", new SimplePayload("<v xmlns='urn:example:smack'>Kept</v>")));
            LeafNode node = PubSubManager.getInstanceFor(c, JidCreate.bareFrom(alice + "@localhost"))
                    .getLeafNode("urn:example:smack");
            List<PayloadItem<SimplePayload>> items = node.getItems();
            assertThat(items).hasSize(1);
            assertThat(items.get(0).getPayload().toXML().toString()).contains("Kept");
        }
    }

    @Test
    void itemsSurviveARepositoryReload() throws Exception {
        String alice = createUser("alice");
        try (RawXmppClient raw = rawUser(alice, "raw")) {
            iq(raw, "p1", publish("p1", null, "urn:example:kept", "k1", "<v xmlns='urn:example'>kept</v>",
                    "pubsub#max_items", "10"));
        }
        PubsubNodes reloaded = new PubsubNodes(new PubsubStore(db), properties, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        var node = reloaded.node(alice + "@localhost", "urn:example:kept").block();
        assertThat(node).isNotNull();
        assertThat(node.config().maxItems()).isEqualTo(10);
        var items = reloaded.items(node, 10).collectList().block();
        assertThat(items).hasSize(1);
        assertThat(items.get(0).payload().text()).isEqualTo("kept");
    }

    @Test
    void retractionsPurgesAndDeletionsReachTheOwnersOtherDevice() throws Exception {
        String alice = createUser("alice");
        String node = "urn:example:gone";
        try (XmppClients clients = clients(); RawXmppClient phone = rawUser(alice, "phone")) {
            PepDevice desk = device(clients, alice, "desk", node);
            iq(phone, "p1", publish("p1", null, node, "one", "<v xmlns='urn:example'/>", "pubsub#max_items", "5"));
            assertThat(desk.next()).contains("id='one'");
            assertThat(iq(phone, "r1", "<iq type='set' id='r1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<retract node='" + node + "' notify='true'><item id='one'/></retract></pubsub></iq>"))
                    .contains("type=\"result\"");
            assertThat(desk.next()).contains("<retract").contains("id='one'");
            assertThat(iq(phone, "r2", "<iq type='set' id='r2'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<retract node='" + node + "'><item id='one'/></retract></pubsub></iq>")).contains("<item-not-found");
            assertThat(iq(phone, "pg", "<iq type='set' id='pg'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'>"
                    + "<purge node='" + node + "'/></pubsub></iq>")).contains("type=\"result\"");
            assertThat(desk.next()).contains("<purge").contains("node='" + node + "'");
            assertThat(iq(phone, "d", "<iq type='set' id='d'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'>"
                    + "<delete node='" + node + "'/></pubsub></iq>")).contains("type=\"result\"");
            assertThat(desk.next()).contains("<delete").contains("node='" + node + "'");
        }
    }
}
