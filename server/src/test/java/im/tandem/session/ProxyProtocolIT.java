package im.tandem.session;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.admin.MeterNames;
import im.tandem.support.RawXmppClient;
import im.tandem.support.TandemServerTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Off-site detection through the PROXY protocol (SPEC section 4): a connection from a trusted
 * edge (here 127.0.0.3) that starts with a v1 or v2 header counts as off-site and shows the
 * client address the header names, on the STARTTLS and on the direct TLS port; the same edge
 * without a header, or with a LOCAL (health check) header, is an internal connection of its
 * own; a header from anyone else is rejected like any other garbage, and a malformed one from
 * the edge closes that connection only.
 */
@TestPropertySource(properties = "tandem.sessions.proxy-protocol.trusted=127.0.0.3/32")
class ProxyProtocolIT extends TandemServerTest {

    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    @Autowired
    SessionRegistry sessions;

    @Autowired
    SessionLocations locations;

    @Autowired
    MeterRegistry meters;

    private static InetAddress edge() throws Exception {
        return InetAddress.getByName("127.0.0.3");
    }

    private static byte[] v1(String header) {
        return header.getBytes(StandardCharsets.US_ASCII);
    }

    /** A v2 PROXY header for TCP over IPv4 from {@code source}. */
    private static byte[] v2Proxy(String source, int sourcePort) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(V2_SIGNATURE);
        out.write(0x21); // version 2, PROXY
        out.write(0x11); // AF_INET, STREAM
        out.write(0);
        out.write(12);
        out.write(InetAddress.getByName(source).getAddress());
        out.write(InetAddress.getByName("10.0.0.1").getAddress());
        out.write(sourcePort >> 8);
        out.write(sourcePort & 0xff);
        out.write(5223 >> 8);
        out.write(5223 & 0xff);
        return out.toByteArray();
    }

    private static byte[] v2Local() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(V2_SIGNATURE);
        out.write(0x20); // version 2, LOCAL
        out.write(0x00);
        out.write(0);
        out.write(0);
        return out.toByteArray();
    }

    private ClientSession awaitSession(String user, String resource) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            var found = sessions.session(im.tandem.stanza.Jid.of(user, DOMAIN, resource));
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no session " + user + "/" + resource);
    }

    private double offsiteGauge() {
        return meters.get(MeterNames.JSM_CLIENT_SESSIONS_ACTIVE).tag("location", "offsite").gauge().value();
    }

    @Test
    void aV1HeaderFromTheEdgeMakesTheSessionOffsiteWithTheClientAddress() throws Exception {
        String alice = createUser("alice");
        double offsiteBefore = offsiteGauge();
        try (RawXmppClient raw = RawXmppClient.connect(c2s.port(), edge(),
                v1("PROXY TCP4 198.51.100.7 10.0.0.1 40001 5222\r\n"))) {
            raw.login(serverCertificate(), DOMAIN, alice, PASSWORD).bindAndGoOnline("phone");
            ClientSession session = awaitSession(alice, "phone");
            assertThat(session.remoteAddress()).isEqualTo(new InetSocketAddress("198.51.100.7", 40001));
            assertThat(session.edgeAddress().getAddress()).isEqualTo(edge());
            assertThat(locations.locationOf(session)).isEqualTo(SessionLocations.Location.OFFSITE);
            assertThat(offsiteGauge() - offsiteBefore).isEqualTo(1);
        }
    }

    private double gauge(String name, String... tags) {
        return meters.get(name).tags(tags).gauge().value();
    }

    private void awaitGauge(String name, double expected, String... tags) throws InterruptedException {
        for (int i = 0; i < 500 && gauge(name, tags) != expected; i++) {
            Thread.sleep(20);
        }
        assertThat(gauge(name, tags)).as(name).isEqualTo(expected);
    }

    /**
     * The counters of SPEC section 4 follow one device through its life: an off-site login
     * through the edge, push enabled, the connection dropped (a phantom, no longer a client),
     * and the stream resumed through the edge (an off-site client again).
     */
    @Test
    void sessionKindCountersFollowAnOffsitePushDeviceThroughDropAndResume() throws Exception {
        String erin = createUser("erin");
        double offsite = gauge(MeterNames.JSM_CLIENT_SESSIONS_ACTIVE, "location", "offsite");
        double internal = gauge(MeterNames.JSM_CLIENT_SESSIONS_ACTIVE, "location", "internal");
        double phantom = gauge(MeterNames.JSM_PHANTOM_SESSIONS_ACTIVE);
        double load = gauge(MeterNames.JSM_SESSIONS_LOAD_PERCENT);
        try (RawXmppClient pushService = component(PUSH_SERVICE, PUSH_SECRET)) {
            RawXmppClient phone = RawXmppClient.connect(c2s.port(), edge(),
                    v1("PROXY TCP4 198.51.100.20 10.0.0.1 40100 5222\r\n"))
                    .login(serverCertificate(), DOMAIN, erin, PASSWORD).bindAndGoOnline("phone");
            phone.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
            String previd = phone.awaitMatch("<enabled [^>]*id='([^']+)'");
            phone.send("<iq type='set' id='push'><enable xmlns='urn:xmpp:push:0' jid='" + PUSH_SERVICE
                    + "' node='erin-phone'/></iq>");
            assertThat(phone.awaitMatch("(<iq [^>]*id=\"push\"[^>]*>)")).contains("type=\"result\"");
            awaitGauge(MeterNames.JSM_CLIENT_SESSIONS_ACTIVE, offsite + 1, "location", "offsite");
            assertThat(gauge(MeterNames.JSM_CLIENT_SESSIONS_ACTIVE, "location", "internal")).isEqualTo(internal);
            double loadWithPhone = gauge(MeterNames.JSM_SESSIONS_LOAD_PERCENT);
            assertThat(loadWithPhone).isGreaterThan(load);

            phone.drop();
            awaitGauge(MeterNames.JSM_PHANTOM_SESSIONS_ACTIVE, phantom + 1);
            assertThat(gauge(MeterNames.JSM_CLIENT_SESSIONS_ACTIVE, "location", "offsite")).isEqualTo(offsite);
            // a phantom still takes its place
            assertThat(gauge(MeterNames.JSM_SESSIONS_LOAD_PERCENT)).isEqualTo(loadWithPhone);

            try (RawXmppClient resumed = RawXmppClient.connect(c2s.port(), edge(),
                    v1("PROXY TCP4 198.51.100.21 10.0.0.1 40200 5222\r\n"))
                    .login(serverCertificate(), DOMAIN, erin, PASSWORD)) {
                resumed.send("<resume xmlns='urn:xmpp:sm:3' previd='" + previd + "' h='0'/>");
                assertThat(resumed.await("<resumed")).isNotNull();
                awaitGauge(MeterNames.JSM_PHANTOM_SESSIONS_ACTIVE, phantom);
                awaitGauge(MeterNames.JSM_CLIENT_SESSIONS_ACTIVE, offsite + 1, "location", "offsite");
                ClientSession session = awaitSession(erin, "phone");
                assertThat(session.remoteAddress()).isEqualTo(new InetSocketAddress("198.51.100.21", 40200));
                resumed.send("</stream:stream>");
                resumed.awaitClosed();
            }
            awaitGauge(MeterNames.JSM_CLIENT_SESSIONS_ACTIVE, offsite, "location", "offsite");
        }
    }

    @Test
    void aHeaderSplitAcrossReadsIsStillRead() throws Exception {
        String frank = createUser("frank");
        byte[] header = v1("PROXY TCP4 198.51.100.33 10.0.0.1 40333 5222\r\n");
        try (RawXmppClient raw = RawXmppClient.connect(c2s.port(), edge(), java.util.Arrays.copyOf(header, 5))) {
            Thread.sleep(200); // let the server read the first five bytes on their own
            raw.send(java.util.Arrays.copyOfRange(header, 5, header.length));
            raw.login(serverCertificate(), DOMAIN, frank, PASSWORD).bindAndGoOnline("split");
            assertThat(awaitSession(frank, "split").remoteAddress()).isEqualTo(new InetSocketAddress("198.51.100.33", 40333));
        }
    }

    @Test
    void aV2HeaderWorksBeforeDirectTls() throws Exception {
        String bob = createUser("bob");
        try (RawXmppClient raw = RawXmppClient.connect(c2s.directTlsPort(), edge(), v2Proxy("203.0.113.9", 50123))) {
            raw.loginDirectTls(serverCertificate(), DOMAIN, bob, PASSWORD).bindAndGoOnline("tablet");
            ClientSession session = awaitSession(bob, "tablet");
            assertThat(session.remoteAddress()).isEqualTo(new InetSocketAddress("203.0.113.9", 50123));
            assertThat(session.isSecure()).isTrue();
            assertThat(locations.locationOf(session)).isEqualTo(SessionLocations.Location.OFFSITE);
        }
    }

    @Test
    void theEdgeWithoutAHeaderOrWithALocalOneIsAnInternalConnection() throws Exception {
        String carol = createUser("carol");
        try (RawXmppClient plain = RawXmppClient.connect(c2s.port(), edge(), new byte[0]);
             RawXmppClient local = RawXmppClient.connect(c2s.port(), edge(), v2Local())) {
            plain.login(serverCertificate(), DOMAIN, carol, PASSWORD).bindAndGoOnline("desk");
            local.login(serverCertificate(), DOMAIN, carol, PASSWORD).bindAndGoOnline("probe");
            for (String resource : new String[] {"desk", "probe"}) {
                ClientSession session = awaitSession(carol, resource);
                assertThat(session.remoteAddress().getAddress()).isEqualTo(edge());
                assertThat(session.edgeAddress()).isNull();
                assertThat(locations.locationOf(session)).isEqualTo(SessionLocations.Location.INTERNAL);
            }
        }
    }

    @Test
    void aHeaderFromAnUntrustedAddressIsRejectedAndOthersCarryOn() throws Exception {
        String dave = createUser("dave");
        try (RawXmppClient bystander = RawXmppClient.authenticated(c2s.port(), serverCertificate(), DOMAIN, dave,
                PASSWORD)) {
            bystander.bindAndGoOnline("desk");
            try (RawXmppClient spoof = RawXmppClient.connect(c2s.port(), InetAddress.getByName("127.0.0.1"),
                    v1("PROXY TCP4 192.0.2.1 10.0.0.1 1234 5222\r\n"))) {
                spoof.openStream(DOMAIN);
                assertThat(spoof.awaitClosed()).contains("<stream:error>").contains("not-well-formed");
            }
            try (RawXmppClient broken = RawXmppClient.connect(c2s.port(), edge(),
                    v1("PROXY TCP4 not-an-address 10.0.0.1 1234 5222\r\n"))) {
                broken.awaitClosed();
                assertThat(broken.isClosedByServer()).isTrue();
            }
            bystander.send("<iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(bystander.await("id=\"p1\"")).contains("type=\"result\"");
            ClientSession session = awaitSession(dave, "desk");
            assertThat(session.remoteAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        }
    }
}
