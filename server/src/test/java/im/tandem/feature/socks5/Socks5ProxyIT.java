package im.tandem.feature.socks5;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.support.RawXmppClient;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5BytestreamManager;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5BytestreamSession;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SOCKS5 bytestreams proxy end to end: two Smack clients with their own local proxies off
 * exchange a megabyte through {@code proxy.localhost}; raw sockets then try everything a hostile
 * client could (bad versions, methods, commands, address types, non-hash names, a third party
 * on a pair, activation by the target or a stranger or before the pair is complete) and each
 * attempt closes only its own connection.
 */
class Socks5ProxyIT extends TandemServerTest {

    static final String PROXY = "proxy." + DOMAIN;
    private static boolean localProxyWas;

    @Autowired
    Socks5Server server;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private double relayedBytes() {
        return meters.get(im.tandem.admin.MeterNames.SOCKS5_BYTES).counter().count();
    }

    @BeforeAll
    static void noDirectConnections() {
        localProxyWas = Socks5Proxy.isLocalSocks5ProxyEnabled();
        Socks5Proxy.setLocalSocks5ProxyEnabled(false);
    }

    @AfterAll
    static void restore() {
        Socks5Proxy.setLocalSocks5ProxyEnabled(localProxyWas);
    }

    @Test
    void twoSmackClientsExchangeAMegabyteThroughTheProxy() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        byte[] content = new byte[1024 * 1024];
        new Random(7).nextBytes(content);
        double before = relayedBytes();
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "laptop");
            XMPPTCPConnection b = clients.login(bob, PASSWORD, "phone");
            Socks5BytestreamManager sender = Socks5BytestreamManager.getBytestreamManager(a);
            Socks5BytestreamManager receiver = Socks5BytestreamManager.getBytestreamManager(b);
            sender.setAnnounceLocalStreamHost(false);
            receiver.setAnnounceLocalStreamHost(false);
            assertThat(sender.determineProxies()).extracting(Object::toString).containsExactly(PROXY);

            CompletableFuture<byte[]> received = new CompletableFuture<>();
            receiver.addIncomingBytestreamListener(request -> {
                try {
                    Socks5BytestreamSession session = (Socks5BytestreamSession) request.accept();
                    received.complete(session.getInputStream().readAllBytes());
                    session.close();
                } catch (Exception e) {
                    received.completeExceptionally(e);
                }
            });
            Socks5BytestreamSession session = sender.establishSession(b.getUser());
            assertThat(session.isMediated()).as("through the proxy, not direct").isTrue();
            session.getOutputStream().write(content);
            session.getOutputStream().flush();
            session.close();
            assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo(content);
            assertThat(relayedBytes() - before).isGreaterThanOrEqualTo(content.length);
        }
    }

    /** A SOCKS5 client connection that has sent its CONNECT for {@code hash} and read the reply. */
    private Socket connect(String hash) throws IOException {
        Socket s = socket();
        s.getOutputStream().write(new byte[] {5, 1, 0});
        assertThat(readN(s, 2)).containsExactly(5, 0);
        s.getOutputStream().write(request(1, 3, hash.getBytes(StandardCharsets.US_ASCII)));
        byte[] reply = readN(s, 5 + 40 + 2);
        assertThat(reply[1]).as("succeeded").isEqualTo((byte) 0);
        return s;
    }

    private Socket socket() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static byte[] request(int command, int addressType, byte[] address) {
        byte[] r = new byte[5 + address.length + 2];
        r[0] = 5;
        r[1] = (byte) command;
        r[3] = (byte) addressType;
        r[4] = (byte) address.length;
        System.arraycopy(address, 0, r, 5, address.length);
        return r;
    }

    private static byte[] readN(Socket s, int n) throws IOException {
        byte[] b = s.getInputStream().readNBytes(n);
        assertThat(b).hasSize(n);
        return b;
    }

    /** Whatever the server sends until it closes the connection (fails if it does not within the timeout). */
    private static byte[] untilClosed(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[512];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void malformedHandshakesCloseOnlyThatConnection() throws Exception {
        String hash = Socks5ProxyFeature.hash("sid-ok", "a@localhost/x", "b@localhost/y");
        try (Socket waiting = connect(hash)) {
            try (Socket s = socket()) {
                s.getOutputStream().write(new byte[] {4, 1, 0});
                assertThat(untilClosed(s)).as("SOCKS4").isEmpty();
            }
            try (Socket s = socket()) {
                s.getOutputStream().write(new byte[] {5, 1, 2}); // username/password only
                assertThat(untilClosed(s)).containsExactly(5, 0xFF);
            }
            for (int[] bad : new int[][] {{2, 3}, {1, 1}, {1, 4}}) { // BIND; IPv4; IPv6
                try (Socket s = socket()) {
                    s.getOutputStream().write(new byte[] {5, 1, 0});
                    readN(s, 2);
                    s.getOutputStream().write(request(bad[0], bad[1], new byte[] {127, 0, 0, 1}));
                    byte[] reply = untilClosed(s);
                    assertThat(reply[1]).isEqualTo((byte) (bad[0] != 1 ? 7 : 8));
                }
            }
            try (Socket s = socket()) {
                s.getOutputStream().write(new byte[] {5, 1, 0});
                readN(s, 2);
                s.getOutputStream().write(request(1, 3, "example.com".getBytes(StandardCharsets.US_ASCII)));
                assertThat(untilClosed(s)[1]).as("not a hash").isEqualTo((byte) 4);
            }
            try (Socket s = socket()) {
                byte[] junk = new byte[4096];
                new Random(1).nextBytes(junk);
                junk[0] = 5;
                junk[1] = 1;
                junk[2] = 0;
                s.getOutputStream().write(junk);
                untilClosed(s);
            }
            try (Socket second = connect(hash); Socket third = socket()) {
                double duplicates = meters.get(im.tandem.admin.MeterNames.SOCKS5_REJECTED).tag("reason", "duplicate")
                        .counter().count();
                third.getOutputStream().write(new byte[] {5, 1, 0});
                readN(third, 2);
                third.getOutputStream().write(request(1, 3, hash.getBytes(StandardCharsets.US_ASCII)));
                assertThat(untilClosed(third)[1]).as("a third party on a pair").isEqualTo((byte) 2);
                assertThat(meters.get(im.tandem.admin.MeterNames.SOCKS5_REJECTED).tag("reason", "duplicate").counter().count())
                        .isEqualTo(duplicates + 1);
                assertThat(waiting.isClosed()).isFalse();
            }
        }
    }

    private RawXmppClient raw(String user, String resource) throws Exception {
        return RawXmppClient.authenticated(c2s.port(), serverCertificate(), DOMAIN, user, PASSWORD).bind(resource);
    }

    private static String activation(String id, String sid, String target) {
        return "<iq type='set' id='" + id + "' to='" + PROXY + "'><query xmlns='http://jabber.org/protocol/bytestreams' sid='"
                + sid + "'><activate>" + target + "</activate></query></iq>";
    }

    private static String reply(RawXmppClient c, String id) throws IOException {
        return c.awaitMatch("(<iq [^>]*id=\"" + id + "\"(?:[^>]*/>|.*?</iq>))");
    }

    @Test
    void onlyTheInitiatorActivatesAPendingPairAndThenBytesFlowBothWays() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        String eve = createUser("eve");
        String initiator = alice + "@" + DOMAIN + "/desk";
        String target = bob + "@" + DOMAIN + "/phone";
        try (RawXmppClient a = raw(alice, "desk"); RawXmppClient b = raw(bob, "phone"); RawXmppClient e = raw(eve, "x")) {
            a.send("<iq type='get' id='hosts' to='" + PROXY + "'><query xmlns='http://jabber.org/protocol/bytestreams'/></iq>");
            assertThat(reply(a, "hosts")).contains("<streamhost").contains("jid=\"" + PROXY + "\"")
                    .contains("port=\"" + server.port() + "\"");
            String hash = Socks5ProxyFeature.hash("s1", initiator, target);
            try (Socket targetSocket = connect(hash)) {
                a.send(activation("early", "s1", target));
                assertThat(reply(a, "early")).contains("<not-allowed");
                try (Socket initiatorSocket = connect(hash)) {
                    b.send(activation("byTarget", "s1", initiator));
                    assertThat(reply(b, "byTarget")).contains("type=\"error\"").contains("<forbidden");
                    e.send(activation("byEve", "s1", target));
                    assertThat(reply(e, "byEve")).contains("type=\"error\"").contains("<item-not-found");

                    a.send(activation("go", "s1", target));
                    assertThat(reply(a, "go")).contains("type=\"result\"");
                    a.send(activation("again", "s1", target));
                    assertThat(reply(a, "again")).contains("<item-not-found");

                    OutputStream toTarget = initiatorSocket.getOutputStream();
                    byte[] data = new byte[200_000];
                    new Random(3).nextBytes(data);
                    toTarget.write(data);
                    assertThat(readN(targetSocket, data.length)).isEqualTo(data);
                    targetSocket.getOutputStream().write("ack".getBytes(StandardCharsets.US_ASCII));
                    assertThat(new String(readN(initiatorSocket, 3), StandardCharsets.US_ASCII)).isEqualTo("ack");
                    targetSocket.close();
                    assertThat(untilClosed(initiatorSocket)).as("one side closing ends the stream").isEmpty();
                }
            }
        }
    }

    @Test
    void onlyLocalAccountsUseTheProxyAndItIsListedInDisco() throws Exception {
        try (RawXmppClient gateway = component(GATEWAY, GATEWAY_SECRET)) {
            gateway.send("<iq type='get' id='g1' from='x@" + GATEWAY + "' to='" + PROXY + "'>"
                    + "<query xmlns='http://jabber.org/protocol/bytestreams'/></iq>");
            assertThat(reply(gateway, "g1")).contains("<forbidden").doesNotContain("streamhost");
        }
        String carol = createUser("carol");
        try (RawXmppClient c = raw(carol, "r")) {
            c.send("<iq type='get' id='items' to='" + DOMAIN + "'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
            assertThat(reply(c, "items")).contains("jid=\"" + PROXY + "\"").contains("jid=\"upload." + DOMAIN + "\"");
            c.send("<iq type='get' id='info' to='" + PROXY + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(reply(c, "info")).contains("category=\"proxy\"").contains("type=\"bytestreams\"")
                    .contains("var=\"http://jabber.org/protocol/bytestreams\"");
            c.send(activation("bad", "", "nobody@" + DOMAIN));
            assertThat(reply(c, "bad")).contains("<bad-request");
        }
    }

}
