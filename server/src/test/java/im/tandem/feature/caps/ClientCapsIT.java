package im.tandem.feature.caps;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import java.time.Duration;
import java.time.Instant;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The server learns what each device is from the caps in its presence (XEP-0115). */
class ClientCapsIT extends TandemServerTest {

    @Autowired
    private SessionRegistry sessions;

    @Test
    void capsAdvertisedInPresenceAreResolvedThroughDiscoInfo() throws Exception {
        String kate = createUser("kate");
        try (XmppClients clients = clients()) {
            XMPPTCPConnection phone = clients.login(kate, PASSWORD, "phone");
            ServiceDiscoveryManager.getInstanceFor(phone).setIdentity(
                    new org.jivesoftware.smackx.disco.packet.DiscoverInfo.Identity("client", "Test Phone", "phone"));
            ServiceDiscoveryManager.getInstanceFor(phone).addFeature("urn:example:tandem-test");
            // a presence after the change carries the new caps hash
            phone.sendStanza(phone.getStanzaFactory().buildPresenceStanza().build());

            Jid full = Jid.parse(phone.getUser().toString());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            ClientCapabilities caps = null;
            while (Instant.now().isBefore(deadline)) {
                caps = sessions.session(full).map(s -> s.get(ClientCapsTracker.CAPABILITIES)).orElse(null);
                if (caps != null && caps.supports("urn:example:tandem-test")) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(caps).isNotNull();
            assertThat(caps.supports("urn:example:tandem-test")).isTrue();
            assertThat(caps.identities()).anySatisfy(i -> {
                assertThat(i.category()).isEqualTo("client");
                assertThat(i.type()).isEqualTo("phone");
            });
        }
    }

    @Test
    void serverAdvertisesItsOwnCapsAndAnswersAtItsCapsNode() throws Exception {
        String leo = createUser("leo");
        try (XmppClients clients = clients()) {
            XMPPTCPConnection c = clients.login(leo, PASSWORD, "desk");
            var disco = ServiceDiscoveryManager.getInstanceFor(c);
            var info = disco.discoverInfo(c.getXMPPServiceDomain());
            assertThat(info.containsFeature("urn:xmpp:ping")).isTrue();
            assertThat(info.containsFeature("jabber:iq:version")).isTrue();
            assertThat(info.hasIdentity("server", "im")).isTrue();
            var caps = c.getFeature(org.jivesoftware.smackx.caps.packet.CapsExtension.class);
            assertThat(caps).isNotNull();
            var atNode = disco.discoverInfo(c.getXMPPServiceDomain(), caps.getNode() + "#" + caps.getVer());
            assertThat(atNode.getFeatures()).hasSameSizeAs(info.getFeatures());
        }
    }
}
