package im.tandem.session;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.admin.MeterNames;
import im.tandem.support.RawXmppClient;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import io.micrometer.core.instrument.MeterRegistry;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Admission control (SPEC section 4): a node at 100% of its session limit refuses the next
 * login with a {@code resource-constraint} stream error that says why, keeps every existing
 * session working, and admits again once a place is free; a login that replaces a session of
 * the same full JID takes no new place. Also where sessions come from: internal, or off-site
 * from a configured network (here the loopback address 127.0.0.2).
 */
@TestPropertySource(properties = {"tandem.capacity.max-sessions=3", "tandem.sessions.offsite-networks=127.0.0.2/32"})
class CapacityIT extends TandemServerTest {

    @Autowired
    SessionRegistry sessions;

    @Autowired
    MeterRegistry meters;

    private RawXmppClient rawLogin(String user) throws Exception {
        return RawXmppClient.authenticated(c2s.port(), serverCertificate(), DOMAIN, user, PASSWORD);
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    @Test
    void aFullNodeRefusesTheNextLoginClearlyAndKeepsTheOthers() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        double refusedBefore = meters.get(MeterNames.JSM_SESSIONS_REFUSED).counter().count();
        assertThat(gauge(MeterNames.JSM_SESSIONS_LIMIT)).isEqualTo(3);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection laptop = clients.login(alice, PASSWORD, "laptop");
            XMPPTCPConnection phone = clients.login(alice, PASSWORD, "phone");
            XMPPTCPConnection desk = clients.login(bob, PASSWORD, "desk");
            assertThat(sessions.sessionCount()).isEqualTo(3);
            assertThat(gauge(MeterNames.JSM_SESSIONS_LOAD_PERCENT)).isEqualTo(100.0);

            try (RawXmppClient fourth = rawLogin(bob)) {
                fourth.send("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                        + "<resource>tablet</resource></bind></iq>");
                assertThat(fourth.awaitClosed()).contains("<resource-constraint").contains("session capacity (3 sessions)");
            }
            assertThat(meters.get(MeterNames.JSM_SESSIONS_REFUSED).counter().count() - refusedBefore).isEqualTo(1);
            for (XMPPTCPConnection c : new XMPPTCPConnection[] {laptop, phone, desk}) {
                assertThat(PingManager.getInstanceFor(c).pingMyServer(false, 10_000)).isTrue();
            }

            // the same full JID again replaces its session: no new place needed, even when full
            try (RawXmppClient again = rawLogin(bob)) {
                again.send("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                        + "<resource>desk</resource></bind></iq>");
                assertThat(again.await("</iq>")).contains("<jid>" + bob + "@" + DOMAIN + "/desk</jid>");
            }
            // that raw stream has gone too, and so has the Smack desk it replaced; the laptop leaves:
            // only the phone is left, and places are free again
            laptop.disconnect();
            awaitSessions(1);
            try (RawXmppClient tablet = rawLogin(bob)) {
                tablet.send("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                        + "<resource>tablet</resource></bind></iq>");
                assertThat(tablet.await("</iq>")).contains("/tablet</jid>");
            }
        }
    }

    @Test
    void sessionsFromAnOffsiteNetworkAreCountedApart() throws Exception {
        awaitSessions(0);
        String carol = createUser("carol");
        try (XmppClients clients = clients()) {
            XMPPTCPConnection desk = clients.login(carol, PASSWORD, "desk");
            try (RawXmppClient remote = RawXmppClient.authenticated(c2s.port(), java.net.InetAddress.getByName("127.0.0.2"),
                    serverCertificate(), DOMAIN, carol, PASSWORD)) {
                remote.bindAndGoOnline("remote");
                awaitSessions(2);
                assertThat(location("internal")).isEqualTo(1);
                assertThat(location("offsite")).isEqualTo(1);
            }
            awaitSessions(1);
            assertThat(location("offsite")).isZero();
            assertThat(desk.isAuthenticated()).isTrue();
        }
    }

    private double location(String tag) {
        return meters.get(MeterNames.JSM_CLIENT_SESSIONS_ACTIVE).tag("location", tag).gauge().value();
    }

    private void awaitSessions(int n) throws InterruptedException {
        for (int i = 0; i < 500 && sessions.sessionCount() != n; i++) {
            Thread.sleep(20);
        }
        assertThat(sessions.sessionCount()).isEqualTo(n);
    }
}
