package im.tandem.component;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.admin.MeterNames;
import im.tandem.session.NodeCapacity;
import im.tandem.support.RawXmppClient;
import im.tandem.support.TandemServerTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * External components (XEP-0114) on the component port, with real sockets: the handshake and
 * its failures, stanzas both ways between clients and a component, a component that tries to
 * send from an address not its own, and a connection that is refused while the domain is
 * already connected. The gateway and push components are configured by the test base.
 */
class ExternalComponentsIT extends TandemServerTest {

    @Autowired
    ExternalComponents components;

    @Autowired
    HybridSessions hybrid;

    @Autowired
    NodeCapacity capacity;

    @Autowired
    MeterRegistry meters;

    private RawXmppClient online(String user, String resource) throws Exception {
        return RawXmppClient.authenticated(c2s.port(), serverCertificate(), DOMAIN, user, PASSWORD)
                .bindAndGoOnline(resource);
    }

    private void awaitConnected(String domain, boolean connected) throws InterruptedException {
        for (int i = 0; i < 500 && components.isConnected(domain) != connected; i++) {
            Thread.sleep(20);
        }
        assertThat(components.isConnected(domain)).isEqualTo(connected);
    }

    @Test
    void aWrongSecretAnUnknownDomainAndASecondConnectionAreRefused() throws Exception {
        double failuresBefore = meters.get(MeterNames.COMPONENT_HANDSHAKE_FAILURES).counter().count();
        try (RawXmppClient wrong = RawXmppClient.plain(componentServer.port()).openComponentStream(PUSH_SERVICE)) {
            String id = wrong.awaitMatch("<stream:stream[^>]* id='([^']+)'");
            wrong.send("<handshake>" + RawXmppClient.sha1Hex(id + "not-the-secret") + "</handshake>");
            assertThat(wrong.awaitClosed()).contains("<not-authorized");
        }
        try (RawXmppClient unknown = RawXmppClient.plain(componentServer.port()).openComponentStream("nobody.localhost")) {
            assertThat(unknown.awaitClosed()).contains("<host-unknown");
        }
        try (RawXmppClient clientNamespace = RawXmppClient.plain(componentServer.port()).openStream(PUSH_SERVICE)) {
            assertThat(clientNamespace.awaitClosed()).contains("<invalid-namespace");
        }
        try (RawXmppClient first = component(PUSH_SERVICE, PUSH_SECRET)) {
            RawXmppClient second = RawXmppClient.plain(componentServer.port()).openComponentStream(PUSH_SERVICE);
            String id = second.awaitMatch("<stream:stream[^>]* id='([^']+)'");
            second.send("<handshake>" + RawXmppClient.sha1Hex(id + PUSH_SECRET) + "</handshake>");
            assertThat(second.awaitClosed()).contains("<conflict");
            second.close();
            // the first one still works: a ping from it is answered by the server... by an error, it offers nothing
            first.send("<iq type='get' id='c1' from='" + PUSH_SERVICE + "' to='" + DOMAIN + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(first.await("</iq>")).contains("id=\"c1\"").contains("type=\"error\"");
        }
        assertThat(meters.get(MeterNames.COMPONENT_HANDSHAKE_FAILURES).counter().count() - failuresBefore).isEqualTo(2);
        awaitConnected(PUSH_SERVICE, false);
    }

    @Test
    void hostileComponentInputEndsOnlyThatStream() throws Exception {
        String ivan = createUser("ivan");
        try (RawXmppClient phone = online(ivan, "phone");
             RawXmppClient gateway = component(GATEWAY, GATEWAY_SECRET)) {
            try (RawXmppClient early = RawXmppClient.plain(componentServer.port()).openComponentStream(PUSH_SERVICE)) {
                early.awaitMatch("<stream:stream[^>]* id='([^']+)'");
                early.send("<message from='" + PUSH_SERVICE + "' to='" + ivan + "@" + DOMAIN + "'><body>before</body></message>");
                assertThat(early.awaitClosed()).contains("<not-authorized");
            }
            try (RawXmppClient big = component(PUSH_SERVICE, PUSH_SECRET)) {
                big.send("<message from='" + PUSH_SERVICE + "' to='" + ivan + "@" + DOMAIN + "'><body>"
                        + "x".repeat(300 * 1024) + "</body></message>");
                assertThat(big.awaitClosed()).contains("<stream:error>");
            }
            try (RawXmppClient garbage = component(PUSH_SERVICE, PUSH_SECRET)) {
                garbage.send("<message from='" + PUSH_SERVICE + "' to='" + ivan + "@" + DOMAIN + "'><body>a</message>");
                assertThat(garbage.awaitClosed()).contains("<stream:error>");
                garbage.close();
            }
            // the gateway and the user's device carry on
            gateway.send("<message type='chat' id='ok' from='x@" + GATEWAY + "' to='" + ivan + "@" + DOMAIN
                    + "/phone'><body>still here</body></message>");
            assertThat(phone.await("</message>")).contains("still here").doesNotContain("before");
        }
    }

    @Test
    void clientsAndAComponentExchangeStanzas() throws Exception {
        String alice = createUser("alice");
        try (RawXmppClient phone = online(alice, "phone")) {
            // not connected yet: configured, so service-unavailable rather than remote-server-not-found
            phone.send("<message type='chat' id='m0' to='someone@" + GATEWAY + "'><body>early</body></message>");
            assertThat(phone.await("</message>")).contains("service-unavailable");
            try (RawXmppClient gateway = component(GATEWAY, GATEWAY_SECRET)) {
                awaitConnected(GATEWAY, true);
                phone.send("<message type='chat' id='m1' to='someone@" + GATEWAY + "'><body>hello legacy</body></message>");
                String got = gateway.await("</message>");
                assertThat(got).contains("from=\"" + alice + "@" + DOMAIN + "/phone\"").contains("hello legacy")
                        .doesNotContain("jabber:client");

                gateway.send("<message type='chat' id='r1' from='someone@" + GATEWAY + "' to='" + alice + "@" + DOMAIN
                        + "/phone'><body>hello back</body></message>");
                String reply = phone.await("</message>");
                assertThat(reply).contains("from=\"someone@" + GATEWAY + "\"").contains("<body>hello back</body>");

                // directed presence reaches the gateway too
                phone.send("<presence to='someone@" + GATEWAY + "'><show>away</show></presence>");
                assertThat(gateway.await("</presence>")).contains("to=\"someone@" + GATEWAY + "\"").contains("<show>away</show>");

                // an iq from the client to the component and its answer
                phone.send("<iq type='get' id='q1' to='" + GATEWAY + "'><query xmlns='jabber:iq:version'/></iq>");
                String query = gateway.await("</iq>");
                String id = query.replaceAll("(?s).*id=\"([^\"]+)\".*", "$1");
                gateway.send("<iq type='result' id='" + id + "' from='" + GATEWAY + "' to='" + alice + "@" + DOMAIN
                        + "/phone'><query xmlns='jabber:iq:version'><name>Gateway</name></query></iq>");
                assertThat(phone.await("</iq>")).contains("<name>Gateway</name>");
            }
        }
    }

    @Test
    void blockingAppliesAcrossAGateway() throws Exception {
        String judy = createUser("judy");
        try (RawXmppClient phone = online(judy, "phone");
             RawXmppClient gateway = component(GATEWAY, GATEWAY_SECRET)) {
            phone.send("<iq type='set' id='blk'><block xmlns='urn:xmpp:blocking'><item jid='pest@" + GATEWAY
                    + "'/></block></iq>");
            phone.awaitMatch("(<iq [^>]*id=\"blk\"[^>]*>)");
            gateway.send("<message type='chat' id='p1' from='pest@" + GATEWAY + "' to='" + judy + "@" + DOMAIN
                    + "/phone'><body>buy now</body></message>");
            gateway.send("<message type='chat' id='p2' from='friend@" + GATEWAY + "' to='" + judy + "@" + DOMAIN
                    + "/phone'><body>hi judy</body></message>");
            assertThat(phone.await("</message>")).contains("hi judy").doesNotContain("buy now");
            phone.send("<message type='chat' id='o1' to='pest@" + GATEWAY + "'><body>stop</body></message>");
            assertThat(phone.await("</message>")).contains("id=\"o1\"").contains("<not-acceptable");
            phone.send("<message type='chat' id='o2' to='friend@" + GATEWAY + "'><body>hello friend</body></message>");
            assertThat(gateway.await("</message>")).contains("hello friend").doesNotContain("stop");
        }
    }

    @Test
    void aComponentCannotSendAsSomebodyElse() throws Exception {
        String bob = createUser("bob");
        double rejectedBefore = meters.get(MeterNames.COMPONENT_STANZAS_REJECTED).counter().count();
        try (RawXmppClient phone = online(bob, "phone");
             RawXmppClient push = component(PUSH_SERVICE, PUSH_SECRET)) {
            push.send("<message type='chat' id='f1' from='mallory@" + DOMAIN + "' to='" + bob + "@" + DOMAIN
                    + "'><body>spoofed</body></message>");
            assertThat(push.await("</message>")).contains("type=\"error\"").contains("<forbidden");
            push.send("<message type='chat' id='f2' from='someone@" + GATEWAY + "' to='" + bob + "@" + DOMAIN
                    + "'><body>other component</body></message>");
            assertThat(push.await("</message>")).contains("<forbidden");
            // a legitimate one gets through, and is the first thing bob sees
            push.send("<message type='chat' id='ok' from='" + PUSH_SERVICE + "' to='" + bob + "@" + DOMAIN
                    + "'><body>legit</body></message>");
            String seen = phone.await("</message>");
            assertThat(seen).contains("legit").doesNotContain("spoofed").doesNotContain("other component");
            // no to: the stream ends
            push.send("<message from='" + PUSH_SERVICE + "'><body>nowhere</body></message>");
            assertThat(push.awaitClosed()).contains("<improper-addressing");
        }
        assertThat(meters.get(MeterNames.COMPONENT_STANZAS_REJECTED).counter().count() - rejectedBefore).isEqualTo(2);
    }

    @Test
    void aGatewayHoldsHybridSessionsThatGetTheUsersMessagesAndSendOnlyAsTheirUser() throws Exception {
        String hyb = createUser("hyb");
        String plain = createUser("plain");
        String bob = createUser("bob");
        accounts.updateFlags(hyb, false, true, false).block();
        try (RawXmppClient hybPhone = online(hyb, "phone");
             RawXmppClient bobDesk = online(bob, "desk")) {
            long before = capacity.counts().hybrid();
            try (RawXmppClient gateway = component(GATEWAY, GATEWAY_SECRET)) {
                awaitHybrid(hyb, 1);
                assertThat(hybrid.sessionsOf(plain)).isEmpty();
                assertThat(capacity.counts().hybrid()).isGreaterThan(before);
                String hybridJid = hyb + "@" + DOMAIN + "/" + GATEWAY;

                // bob writes to hyb: hyb's phone and the gateway both get it
                bobDesk.send("<message type='chat' id='b1' to='" + hyb + "@" + DOMAIN + "'><body>to hyb</body></message>");
                assertThat(hybPhone.await("</message>")).contains("to hyb");
                String copy = gateway.await("</message>");
                assertThat(copy).contains("to=\"" + hybridJid + "\"").contains("from=\"" + bob + "@" + DOMAIN + "/desk\"")
                        .contains("<body>to hyb</body>");

                // hyb writes from the phone: the gateway gets a sent carbon
                hybPhone.send("<message type='chat' id='h1' to='" + bob + "@" + DOMAIN + "'><body>from phone</body></message>");
                assertThat(bobDesk.await("</message>")).contains("from phone");
                String carbon = gateway.await("</sent></message>");
                assertThat(carbon).contains("<sent xmlns=\"urn:xmpp:carbons:2\"").contains("from phone");

                // the gateway writes as hyb: bob gets it from the hybrid session
                gateway.send("<message type='chat' id='g1' from='" + hyb + "@" + DOMAIN + "' to='" + bob + "@" + DOMAIN
                        + "'><body>via gateway</body></message>");
                assertThat(bobDesk.await("</message>")).contains("from=\"" + hybridJid + "\"").contains("via gateway");

                // ... but not as bob, who is no hybrid user
                gateway.send("<message type='chat' id='g2' from='" + bob + "@" + DOMAIN + "' to='" + hyb + "@" + DOMAIN
                        + "'><body>as bob</body></message>");
                assertThat(gateway.await("</message>")).contains("id=\"g2\"").contains("<forbidden");

                // flags apply at run time
                accounts.updateFlags(plain, false, true, false).block();
                awaitHybrid(plain, 1);
                accounts.updateFlags(plain, false, false, false).block();
                awaitHybrid(plain, 0);

                hybPhone.send("<iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>");
                assertThat(hybPhone.await("id=\"p1\"")).doesNotContain("as bob");
            }
            awaitHybrid(hyb, 0);
            assertThat(capacity.counts().hybrid()).isEqualTo(before);
        }
    }

    private void awaitHybrid(String user, int n) throws InterruptedException {
        for (int i = 0; i < 500 && hybrid.sessionsOf(user).size() != n; i++) {
            Thread.sleep(20);
        }
        assertThat(hybrid.sessionsOf(user)).hasSize(n);
    }
}
