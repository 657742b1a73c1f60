package im.tandem.mdm;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.admin.MeterNames;
import im.tandem.c2s.sm.ManagedStream;
import im.tandem.c2s.sm.StreamManagement;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.support.Device;
import im.tandem.support.Device.Delivery;
import im.tandem.support.Device.Kind;
import im.tandem.support.RawXmppClient;
import im.tandem.support.XmppClients;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.csi.ClientStateIndicationManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Stream management (XEP-0198) end to end: Smack clients whose connections die and come back
 * (resumed, or not in time), quiet mode across a resumption, and raw clients for the protocol's
 * corners and hostile input. The resumption window is the default five minutes of the server
 * clock, which the tests move forward instead of waiting.
 */
class StreamManagementIT extends MdmServerTest {

    private static final String SM = ManagedStream.NAMESPACE;

    @Autowired
    SessionRegistry sessions;


    private Optional<ClientSession> session(String user, String resource) {
        return sessions.session(im.tandem.stanza.Jid.of(user, DOMAIN, resource));
    }

    private void awaitHibernating(String user, String resource) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            ManagedStream m = session(user, resource).map(StreamManagement::of).orElse(null);
            if (m != null && m.isHibernating()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(user + "/" + resource + " is not waiting for a resumption");
    }

    /** Moves past the resumption window and waits for the sweep to end the session. */
    private void expire(String user, String resource) throws InterruptedException {
        later(Duration.ofMinutes(6));
        for (int i = 0; i < 500; i++) {
            if (session(user, resource).isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(user + "/" + resource + " outlived its resumption window");
    }


    private static EntityFullJid full(String user, String resource) {
        return JidCreate.entityFullFromOrThrowUnchecked(user + "@" + DOMAIN + "/" + resource);
    }

    private double counter(String name, String... tags) {
        var search = meters.find(name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        var c = search.counter();
        return c == null ? 0 : c.count();
    }

    /** Two round trips: the acknowledgement the client owed for what it had is in the server's hands. */
    private static void settle(Device d) throws Exception {
        d.sync();
        d.sync();
    }

    @Test
    void aDroppedConnectionIsResumedWithWhatArrivedMeanwhileAndNothingTwice() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        double resumedBefore = counter(MeterNames.SM_RESUMPTIONS, "result", "resumed");
        try (XmppClients clients = clients()) {
            Device phone = device(clients, alice, "phone").enableCarbons();
            Device desk = device(clients, bob, "desk");
            assertThat(phone.connection().isSmEnabled()).isTrue();
            chat(desk, full(alice, "phone"), "before");
            assertDelivery(phone.next(), Kind.DIRECT, "before");
            settle(phone);

            phone.connection().instantShutdown();
            awaitHibernating(alice, "phone");
            chat(desk, full(alice, "phone"), "while away 1");
            chat(desk, bare(alice), "while away 2");
            desk.drain();

            phone.connection().connect().login();
            assertThat(phone.connection().streamWasResumed()).isTrue();
            List<Delivery> got = phone.next(2);
            assertThat(got).extracting(Delivery::body).containsExactly("while away 1", "while away 2");
            assertThat(got).allMatch(d -> d.kind() == Kind.DIRECT && d.delayed());
            assertThat(phone.drain()).as("nothing delivered twice").isEmpty();
            chat(desk, full(alice, "phone"), "after");
            assertDelivery(phone.next(), Kind.DIRECT, "after");
        }
        assertThat(counter(MeterNames.SM_RESUMPTIONS, "result", "resumed") - resumedBefore).isEqualTo(1);
    }

    @Test
    void aSessionNotResumedInTimeEndsAndItsMessagesWaitInOfflineStorage() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        double expiredBefore = counter(MeterNames.SM_EXPIRED);
        double redeliveredBefore = counter(MeterNames.SM_UNACKED_REDELIVERED);
        try (XmppClients clients = clients()) {
            Device phone = device(clients, alice, "phone").enableCarbons();
            Device desk = device(clients, bob, "desk");
            settle(phone);
            phone.connection().instantShutdown();
            awaitHibernating(alice, "phone");
            chat(desk, full(alice, "phone"), "first");
            chat(desk, bare(alice), "second");
            desk.drain();
            assertThat(offlineStore.fetch(alice).count().block()).as("held for the resumption").isZero();

            expire(alice, "phone");
            awaitOfflineCount(alice, 2);
            Device again = device(clients, alice, "phone");
            assertThat(again.connection().streamWasResumed()).isFalse();
            List<Delivery> offline = again.next(2);
            assertThat(offline).extracting(Delivery::body).containsExactly("first", "second");
            assertThat(offline).allMatch(Delivery::delayed);
        }
        assertThat(counter(MeterNames.SM_EXPIRED) - expiredBefore).isGreaterThanOrEqualTo(1);
        assertThat(counter(MeterNames.SM_UNACKED_REDELIVERED) - redeliveredBefore).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anAdministratorSeesAHibernatingSessionAndCanEndIt() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        WebTestClient admin = WebTestClient.bindToServer().baseUrl("http://localhost:" + httpPort)
                .defaultHeaders(h -> h.setBasicAuth("admin", ADMIN_PASSWORD)).build();
        try (XmppClients clients = clients()) {
            Device phone = device(clients, alice, "phone");
            Device desk = device(clients, bob, "desk");
            admin.get().uri("/api/v1/sessions").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$[?(@.jid == '%s')].streamManagement".formatted(alice + "@" + DOMAIN + "/phone"))
                    .isEqualTo("connected");
            settle(phone);
            phone.connection().instantShutdown();
            awaitHibernating(alice, "phone");
            chat(desk, full(alice, "phone"), "queued");
            desk.drain();
            admin.get().uri("/api/v1/sessions").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$[?(@.jid == '%s')].streamManagement".formatted(alice + "@" + DOMAIN + "/phone"))
                    .isEqualTo("hibernating");
            admin.delete().uri("/api/v1/sessions/{jid}", alice + "@" + DOMAIN + "/phone").exchange()
                    .expectStatus().isNoContent();
            assertThat(session(alice, "phone")).isEmpty();
            // ended, not dropped: the queued message waits offline, and the session cannot be resumed
            awaitOfflineCount(alice, 1);
            phone.connection().connect().login();
            assertThat(phone.connection().streamWasResumed()).isFalse();
            assertDelivery(phone.next(), Kind.DIRECT, "queued");
        }
    }

    @Test
    void whatANotResumedSessionNeverGotGoesToTheUsersOtherDevice() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (XmppClients clients = clients()) {
            Device phone = device(clients, alice, "phone");
            // a plain RFC 6121 client: no carbons, so it has no copy of what was sent to the phone
            Device laptop = device(clients, alice, "laptop");
            Device desk = device(clients, bob, "desk");
            settle(phone);
            phone.connection().instantShutdown();
            awaitHibernating(alice, "phone");
            chat(desk, full(alice, "phone"), "for the phone");
            desk.drain();
            assertThat(laptop.drain()).isEmpty();

            expire(alice, "phone");
            Delivery rescued = laptop.next();
            assertDelivery(rescued, Kind.DIRECT, "for the phone");
            assertThat(rescued.delayed()).isTrue();
        }
    }

    @Test
    void aQuietSessionResumedIsActiveAgainAndGetsWhatWasHeldInOrder() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        double activeBefore = flushes(FlushTrigger.ACTIVE);
        try (XmppClients clients = clients()) {
            Device phone = device(clients, alice, "phone").enableCarbons();
            Device laptop = device(clients, alice, "laptop").enableCarbons();
            Device desk = device(clients, bob, "desk");
            inactive(phone);
            // no round trip from the phone from here on: the answer, an iq, would flush it (trigger a)
            chat(desk, bare(alice), "held 1");
            assertDelivery(laptop.next(), Kind.DIRECT, "held 1");

            phone.connection().instantShutdown();
            awaitHibernating(alice, "phone");
            chat(desk, bare(alice), "held 2");
            assertDelivery(laptop.next(), Kind.DIRECT, "held 2");
            desk.drain();

            phone.connection().connect().login();
            assertThat(phone.connection().streamWasResumed()).isTrue();
            List<Delivery> flushed = phone.next(2);
            assertThat(flushed).extracting(Delivery::body).containsExactly("held 1", "held 2");
            assertThat(flushed).allMatch(d -> d.kind() == Kind.RECEIVED_COPY && d.delayed());
            // XEP-0352 5.2: the resumed stream is active, so the next copy is not held
            chat(desk, bare(alice), "live");
            assertDelivery(laptop.next(), Kind.DIRECT, "live");
            assertDelivery(phone.next(), Kind.RECEIVED_COPY, "live");
            assertThat(phone.drain()).as("nothing delivered twice").isEmpty();
            // quiet again on the resumed stream: a fresh buffer, holding only what is new
            inactive(phone);
            chat(desk, bare(alice), "later");
            assertDelivery(laptop.next(), Kind.DIRECT, "later");
            desk.drain();
            assertThat(phone.received()).as("held again").isEmpty();
            ClientStateIndicationManager.active(phone.connection());
            assertThat(phone.next(1)).extracting(Delivery::body).containsExactly("later");
        }
        assertThat(flushes(FlushTrigger.ACTIVE) - activeBefore).as("the resumption, then <active/>").isEqualTo(2);
    }

    @Test
    void heldStanzasOfAQuietSessionNotResumedInTimeAreNotLost() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (XmppClients clients = clients()) {
            Device phone = device(clients, alice, "phone").enableCarbons();
            Device laptop = device(clients, alice, "laptop").enableCarbons();
            Device desk = device(clients, bob, "desk");
            inactive(phone);
            chat(desk, bare(alice), "one");
            chat(desk, bare(alice), "two");
            assertThat(laptop.next(2)).extracting(Delivery::body).containsExactly("one", "two");
            // the laptop, which had the messages, goes; then the phone's network dies
            laptop.connection().disconnect();
            phone.connection().instantShutdown();
            awaitHibernating(alice, "phone");
            expire(alice, "phone");
            awaitOfflineCount(alice, 2);
            Device again = device(clients, alice, "tablet");
            List<Delivery> offline = again.next(2);
            assertThat(offline).extracting(Delivery::body).containsExactly("one", "two");
            assertThat(offline).allMatch(Delivery::delayed);
        }
    }

    // --- the protocol with a raw client -------------------------------------------------

    /** Binds, goes online and enables resumable stream management; returns the resumption id. */
    private static String enableResumable(RawXmppClient raw, String resource) throws Exception {
        raw.bindAndGoOnline(resource);
        raw.send("<enable xmlns='" + SM + "' resume='true'/>");
        String enabled = raw.awaitMatch("(<enabled [^>]*/>)");
        Matcher id = Pattern.compile("id='([^']+)'").matcher(enabled);
        assertThat(enabled).contains("<enabled").contains("resume='true'").contains("max='300'");
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    @Test
    void theFeatureIsOfferedAfterAuthenticationAndEnablingNeedsABoundResource() throws Exception {
        String alice = createUser("alice");
        try (RawXmppClient raw = RawXmppClient.plain(c2s.port())) {
            String beforeAuth = raw.openStream(DOMAIN).await("</stream:features>");
            assertThat(beforeAuth).doesNotContain(SM);
        }
        try (RawXmppClient raw = rawLogin(alice)) {
            assertThat(raw.transcript()).contains("<sm xmlns=\"" + SM + "\"");
            raw.send("<enable xmlns='" + SM + "'/>");
            assertThat(raw.await("</failed>")).contains("unexpected-request");
            raw.send("<resume xmlns='" + SM + "' previd='no-such-session' h='0'/>");
            assertThat(raw.await("</failed>")).contains("item-not-found");
            // after a failed resumption the client binds as usual
            raw.bindAndGoOnline("desk");
            raw.send("<enable xmlns='" + SM + "'/>");
            String enabled = raw.awaitMatch("(<enabled[^>]*/>)");
            assertThat(enabled).doesNotContain("resume=");
            raw.send("<enable xmlns='" + SM + "'/>");
            assertThat(raw.await("</failed>")).as("enabled twice").contains("unexpected-request");
            // h counts the stanzas the client sent after enabling: the presence came before
            raw.send("<r xmlns='" + SM + "'/>");
            assertThat(raw.awaitMatch("(<a [^>]*/>)")).isEqualTo("<a xmlns='" + SM + "' h='0'/>");
            raw.send("<iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq><r xmlns='" + SM + "'/>");
            assertThat(raw.await("<a xmlns='" + SM + "' h='1'/>")).contains("id=\"p1\"");
        }
    }

    @Test
    void unacknowledgedStanzasAreWrittenAgainOnResumption() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (XmppClients clients = clients()) {
            Device desk = device(clients, bob, "desk");
            String id;
            try (RawXmppClient first = rawLogin(alice)) {
                id = enableResumable(first, "raw");
                chat(desk, full(alice, "raw"), "never acknowledged");
                first.await("never acknowledged");
                first.drop();
            }
            awaitHibernating(alice, "raw");
            try (RawXmppClient second = rawLogin(alice)) {
                second.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
                // the client sent no stanza after enabling, so the server handled none
                assertThat(second.awaitMatch("(<resumed [^>]*/>)")).contains("previd='" + id + "'").contains("h='0'");
                String again = second.await("</message>");
                assertThat(again).contains("never acknowledged").contains("urn:xmpp:delay");
                second.send("<a xmlns='" + SM + "' h='1'/><iq type='get' id='p2'><ping xmlns='urn:xmpp:ping'/></iq>");
                assertThat(second.awaitMatch("(<iq [^>]*id=\"p2\"[^>]*>)")).contains("type=\"result\"");
                assertThat(second.transcript()).doesNotContain("stream:error");
            }
        }
    }

    @Test
    void anotherUsersSessionCannotBeResumedAndStaysIntact() throws Exception {
        String alice = createUser("alice");
        String mallory = createUser("mallory");
        try (RawXmppClient aliceRaw = rawLogin(alice)) {
            String id = enableResumable(aliceRaw, "raw");
            try (RawXmppClient malloryRaw = rawLogin(mallory)) {
                malloryRaw.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
                assertThat(malloryRaw.await("</failed>")).contains("item-not-found");
                assertThat(malloryRaw.isClosedByServer()).isFalse();
            }
            aliceRaw.send("<iq type='get' id='still'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(aliceRaw.awaitMatch("(<iq [^>]*id=\"still\"[^>]*>)")).contains("type=\"result\"");
        }
    }

    @Test
    void resumingWhileTheOldConnectionIsStillOpenClosesTheOldOne() throws Exception {
        String alice = createUser("alice");
        try (RawXmppClient first = rawLogin(alice)) {
            String id = enableResumable(first, "raw");
            try (RawXmppClient second = rawLogin(alice)) {
                second.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
                assertThat(second.awaitMatch("(<resumed [^>]*/>)")).contains("previd='" + id + "'");
                assertThat(first.awaitClosed()).contains("<conflict");
                second.send("<iq type='get' id='p3'><ping xmlns='urn:xmpp:ping'/></iq>");
                assertThat(second.awaitMatch("(<iq [^>]*id=\"p3\"[^>]*>)")).contains("type=\"result\"");
            }
        }
    }

    @Test
    void anAcknowledgementOfStanzasNeverSentEndsTheStreamAndTheSession() throws Exception {
        String alice = createUser("alice");
        String id;
        try (RawXmppClient raw = rawLogin(alice)) {
            id = enableResumable(raw, "raw");
            raw.send("<a xmlns='" + SM + "' h='7'/>");
            assertThat(raw.awaitClosed()).contains("<undefined-condition")
                    .containsPattern("<handled-count-too-high xmlns='" + SM + "' h='7' send-count='\\d+'/>");
        }
        try (RawXmppClient raw = rawLogin(alice)) {
            raw.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
            assertThat(raw.await("</failed>")).as("a stream we ended for an error is not resumable").contains("item-not-found");
        }
        try (RawXmppClient raw = rawLogin(alice)) {
            enableResumable(raw, "raw");
            raw.send("<a xmlns='" + SM + "' h='-1'/>");
            assertThat(raw.awaitClosed()).contains("<invalid-xml");
        }
    }

    @Test
    void aStreamClosedByTheClientEndsItsSession() throws Exception {
        String alice = createUser("alice");
        String id;
        try (RawXmppClient raw = rawLogin(alice)) {
            id = enableResumable(raw, "raw");
            raw.send("</stream:stream>");
            raw.awaitClosed();
        }
        try (RawXmppClient raw = rawLogin(alice)) {
            raw.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
            assertThat(raw.await("</failed>")).contains("item-not-found");
        }
        assertThat(session(alice, "raw")).isEmpty();
    }

    @Test
    void aClientThatNeverAcknowledgesIsClosedAndItsMessagesGoToTheOtherDevice() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        int count = 502; // past tandem.sm.max-unacked (500)
        try (XmppClients clients = clients(); RawXmppClient raw = rawLogin(alice)) {
            enableResumable(raw, "never-acks");
            Device laptop = device(clients, alice, "laptop");
            Device desk = device(clients, bob, "desk");
            XMPPTCPConnection c = desk.connection();
            for (int i = 0; i < count - 1; i++) {
                c.sendStanza(c.getStanzaFactory().buildMessageStanza().to(full(alice, "never-acks"))
                        .ofType(Message.Type.chat).setBody("m" + i).build());
            }
            desk.drain();
            // over the limit, but a burst is allowed while the client may still answer
            assertThat(session(alice, "never-acks")).isPresent();
            // its acknowledgement request has gone unanswered for longer than tandem.sm.ack-timeout (60 s)
            later(Duration.ofSeconds(90));
            c.sendStanza(c.getStanzaFactory().buildMessageStanza().to(full(alice, "never-acks"))
                    .ofType(Message.Type.chat).setBody("m" + (count - 1)).build());
            assertThat(raw.awaitClosed()).contains("<resource-constraint");
            // every one reaches the laptop once, in order, stamped with when the server got it
            List<Delivery> rescued = laptop.next(count);
            assertThat(rescued).extracting(Delivery::body)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, count).mapToObj(i -> "m" + i).toList());
            assertThat(rescued).allMatch(Delivery::delayed);
            assertThat(laptop.drain()).isEmpty();
        }
        assertThat(session(alice, "never-acks")).isEmpty();
    }
}
