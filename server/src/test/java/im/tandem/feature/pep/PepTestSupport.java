package im.tandem.feature.pep;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.feature.caps.ClientCapabilities;
import im.tandem.feature.caps.ClientCapsTracker;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.store.RosterItemRow;
import im.tandem.store.RosterStore;
import im.tandem.support.RawXmppClient;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.pubsub.filter.EventExtensionFilter;
import org.springframework.beans.factory.annotation.Autowired;

/** What the PEP tests share: contacts made in the store, devices with +notify caps, raw requests. */
public abstract class PepTestSupport extends TandemServerTest {

    @Autowired
    protected RosterStore roster;

    @Autowired
    protected SessionRegistry sessions;

    /** A logged-in device whose caps ask for {@code notify} nodes, with its PEP events collected. */
    public record PepDevice(XMPPTCPConnection connection, StanzaCollector events) {

        /** Every event that arrived before a ping round trip, as XML. */
        public List<String> drain() throws Exception {
            assertThat(PingManager.getInstanceFor(connection).pingMyServer(false, 10_000)).isTrue();
            List<String> all = new ArrayList<>();
            for (Message m = events.pollResult(); m != null; m = events.pollResult()) {
                all.add(m.toXML().toString());
            }
            return all;
        }

        /** The next event, waiting up to 10 s. */
        public String next() throws InterruptedException {
            Message m = events.nextResult(10_000);
            assertThat(m).as("a PEP event").isNotNull();
            return m.toXML().toString();
        }
    }

    /** Both users see each other's presence, as after a completed mutual subscription. */
    protected void contacts(String a, String b) {
        roster.upsert(a, row(b)).block();
        roster.upsert(b, row(a)).block();
    }

    private static RosterItemRow row(String contact) {
        return new RosterItemRow(contact + "@" + DOMAIN, null, RosterItemRow.Subscription.BOTH, false, false, null,
                false, List.of("Friends"));
    }

    protected PepDevice device(XmppClients clients, String user, String resource, String... notify) throws Exception {
        XMPPTCPConnection c = clients.unconnected(clients.configuration(user, PASSWORD, resource).build());
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(c);
        disco.addFeature("urn:example:pep-test");
        for (String node : notify) {
            disco.addFeature(node + "+notify");
        }
        StanzaCollector events = c.createStanzaCollector(EventExtensionFilter.INSTANCE);
        c.connect().login();
        awaitCaps(Jid.parse(c.getUser().toString()));
        return new PepDevice(c, events);
    }

    /** Waits until the server has resolved the session's caps. */
    protected void awaitCaps(Jid full) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            ClientCapabilities caps = sessions.session(full).map(s -> s.get(ClientCapsTracker.CAPABILITIES)).orElse(null);
            if (caps != null && caps.supports("urn:example:pep-test")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("caps of " + full + " not resolved");
    }

    protected RawXmppClient rawUser(String user, String resource) throws Exception {
        return RawXmppClient.authenticated(c2s.port(), serverCertificate(), DOMAIN, user, PASSWORD).bind(resource);
    }

    /** Sends an iq and returns the answer with that id. */
    protected static String iq(RawXmppClient raw, String id, String xml) throws Exception {
        raw.send(xml);
        return raw.awaitMatch("(<iq[^>]*id=\"" + id + "\"(?:[^>]*/>|.*?</iq>))");
    }

    /** A publication; {@code options} are publish-options var/value pairs, none for no publish-options. */
    protected static String publish(String id, String to, String node, String itemId, String payload, String... options) {
        return "<iq type='set' id='" + id + "'" + (to == null ? "" : " to='" + to + "'") + ">"
                + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='" + node + "'>"
                + "<item" + (itemId == null ? "" : " id='" + itemId + "'") + ">" + payload + "</item></publish>"
                + (options.length == 0 ? "" : "<publish-options>"
                        + form("http://jabber.org/protocol/pubsub#publish-options", options) + "</publish-options>")
                + "</pubsub></iq>";
    }

    protected static String items(String id, String to, String node, String extra) {
        return "<iq type='get' id='" + id + "' to='" + to + "'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                + "<items node='" + node + "'" + (extra == null ? "" : " " + extra) + "/></pubsub></iq>";
    }

    /** A submitted form from var=value pairs. */
    protected static String form(String formType, String... pairs) {
        StringBuilder x = new StringBuilder("<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>")
                .append(formType).append("</value></field>");
        for (int i = 0; i < pairs.length; i += 2) {
            x.append("<field var='").append(pairs[i]).append("'><value>").append(pairs[i + 1]).append("</value></field>");
        }
        return x.append("</x>").toString();
    }

}
