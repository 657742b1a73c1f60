package im.tandem.feature.push;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.admin.MeterNames;
import im.tandem.session.NodeCapacity;
import im.tandem.session.SessionCounts;
import im.tandem.support.RawXmppClient;
import im.tandem.support.TandemServerTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Push notifications (XEP-0357) and phantom sessions end to end: raw clients enable push with
 * the test base's push component as app server; the component receives the XEP's publish when
 * a message is queued for a phantom session, when a quiet session flushes for a message, and
 * when a device without a session gets a message that goes offline; never for a connected,
 * active device. Session counters follow the device: client, then phantom, then client again.
 */
class PushNotificationsIT extends TandemServerTest {

    private static final String SM = "urn:xmpp:sm:3";

    @Autowired
    PushNotifications push;

    @Autowired
    NodeCapacity capacity;

    @Autowired
    MeterRegistry meters;

    @Autowired
    im.tandem.session.SessionRegistry registry;

    private RawXmppClient online(String user, String resource) throws Exception {
        return RawXmppClient.authenticated(c2s.port(), serverCertificate(), DOMAIN, user, PASSWORD).bindAndGoOnline(resource);
    }

    private static void enablePush(RawXmppClient device, String node) throws Exception {
        device.send("<iq type='set' id='push-" + node + "'><enable xmlns='urn:xmpp:push:0' jid='" + PUSH_SERVICE
                + "' node='" + node + "'><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>"
                + "http://jabber.org/protocol/pubsub#publish-options</value></field><field var='secret'><value>"
                + "token-" + node + "</value></field></x></enable></iq>");
        assertThat(device.awaitMatch("(<iq [^>]*id=\"push-" + node + "\"[^>]*>)")).contains("type=\"result\"");
    }

    private static String enableResumable(RawXmppClient device) throws Exception {
        device.send("<enable xmlns='" + SM + "' resume='true'/>");
        return device.awaitMatch("<enabled [^>]*id='([^']+)'");
    }

    private static void chat(RawXmppClient from, String to, String body) throws Exception {
        from.send("<message type='chat' to='" + to + "@" + DOMAIN + "'><body>" + body + "</body></message>");
    }

    /** Reads the next notification the app server gets and answers it with {@code type}. */
    private static String nextNotification(RawXmppClient appServer, String replyType) throws Exception {
        String iq = appServer.await("</iq>");
        String id = iq.replaceAll("(?s).*<iq [^>]*id=\"([^\"]+)\".*", "$1");
        String from = iq.replaceAll("(?s).*<iq [^>]*from=\"([^\"]+)\".*", "$1");
        appServer.send("<iq type='" + replyType + "' id='" + id + "' from='" + PUSH_SERVICE + "' to='" + from + "'>"
                + ("error".equals(replyType) ? "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>" : "")
                + "</iq>");
        return iq;
    }

    private SessionCounts awaitCounts(Predicate<SessionCounts> condition) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            SessionCounts c = capacity.counts();
            if (condition.test(c)) {
                return c;
            }
            Thread.sleep(20);
        }
        return capacity.counts();
    }

    @Test
    void aPhantomSessionWakesItsDeviceAndTurnsBackIntoAClientSession() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (RawXmppClient appServer = component(PUSH_SERVICE, PUSH_SECRET);
             RawXmppClient bobDesk = online(bob, "desk")) {
            RawXmppClient phone = online(alice, "phone");
            String previd = enableResumable(phone);
            enablePush(phone, "n-phantom");
            SessionCounts connected = capacity.counts();
            long phantomsBefore = connected.phantom();

            // the usual mobile sequence: the app goes to the background, then its socket dies
            phone.send("<inactive xmlns='urn:xmpp:csi:0'/>");
            phone.send("<iq type='get' id='bg'><ping xmlns='urn:xmpp:ping'/></iq>");
            phone.await("id=\"bg\"");
            phone.drop();
            SessionCounts dropped = awaitCounts(c -> c.phantom() == phantomsBefore + 1);
            assertThat(dropped.phantom()).isEqualTo(phantomsBefore + 1);
            assertThat(dropped.client()).isEqualTo(connected.client() - 1);
            assertThat(dropped.load()).isEqualTo(connected.load());

            chat(bobDesk, alice, "are you there");
            String notification = nextNotification(appServer, "result");
            assertThat(notification)
                    .contains("type=\"set\"").contains("from=\"" + alice + "@" + DOMAIN + "\"")
                    .contains("to=\"" + PUSH_SERVICE + "\"")
                    .contains("<publish node=\"n-phantom\">")
                    .contains("<notification xmlns=\"urn:xmpp:push:0\">")
                    .contains("<value>urn:xmpp:push:summary</value>")
                    .contains("<field var=\"message-count\"><value>1</value></field>")
                    .contains("<field var=\"last-message-sender\"><value>" + bob + "@" + DOMAIN + "/desk</value></field>")
                    .doesNotContain("last-message-body").doesNotContain("are you there")
                    .contains("<publish-options><x xmlns=\"jabber:x:data\" type=\"submit\">")
                    .contains("token-n-phantom");
            chat(bobDesk, alice, "hello?");
            assertThat(nextNotification(appServer, "result")).contains("<field var=\"message-count\"><value>2</value></field>");

            try (RawXmppClient again = RawXmppClient.authenticated(c2s.port(), serverCertificate(), DOMAIN, alice,
                    PASSWORD)) {
                again.send("<resume xmlns='" + SM + "' previd='" + previd + "' h='0'/>");
                assertThat(again.await("<resumed")).isNotNull();
                assertThat(again.await("hello?")).contains("are you there");
                SessionCounts resumed = awaitCounts(c -> c.phantom() == phantomsBefore);
                assertThat(resumed.phantom()).isEqualTo(phantomsBefore);
                assertThat(resumed.client()).isEqualTo(connected.client());
            }
        }
    }

    @Test
    void aQuietDeviceIsWokenWhenItsBufferFlushesButAnActiveOneNever() throws Exception {
        String carol = createUser("carol");
        String dave = createUser("dave");
        String erin = createUser("erin");
        try (RawXmppClient appServer = component(PUSH_SERVICE, PUSH_SECRET);
             RawXmppClient daveDesk = online(dave, "desk");
             RawXmppClient erinDesk = online(erin, "desk");
             RawXmppClient phone = online(carol, "phone")) {
            enablePush(phone, "n-quiet");
            // connected and active: the message arrives, no notification
            chat(daveDesk, carol, "while active");
            assertThat(phone.await("while active")).isNotNull();

            phone.send("<inactive xmlns='urn:xmpp:csi:0'/>");
            phone.send("<iq type='get' id='sync'><ping xmlns='urn:xmpp:ping'/></iq>");
            phone.await("id=\"sync\"");
            chat(erinDesk, carol, "while quiet");
            assertThat(phone.await("while quiet")).isNotNull();
            // the first notification the app server ever sees for carol is this one, from erin
            String notification = nextNotification(appServer, "result");
            assertThat(notification).contains("<publish node=\"n-quiet\">")
                    .contains("<value>" + erin + "@" + DOMAIN + "/desk</value>")
                    .doesNotContain(dave);
        }
    }

    @Test
    void aDeviceWithoutASessionIsWokenForOfflineMessagesUntilTheAppServerKeepsFailing() throws Exception {
        String frank = createUser("frank");
        String gina = createUser("gina");
        double disabledBefore = meters.get(MeterNames.PUSH_REGISTRATIONS_DISABLED).counter().count();
        try (RawXmppClient phone = online(frank, "phone")) {
            enablePush(phone, "n-offline");
        }
        for (int i = 0; i < 500 && !registry.sessionsOf(im.tandem.stanza.Jid.of(frank, DOMAIN, null)).isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(registry.sessionsOf(im.tandem.stanza.Jid.of(frank, DOMAIN, null))).isEmpty();
        assertThat(push.registrationsOf(frank)).hasSize(1);
        // the app server is away: nothing is sent, no failure is counted, the registration stays
        double unreachableBefore = meters.get(MeterNames.PUSH_NOTIFICATIONS).tag("result", "unreachable").counter().count();
        try (RawXmppClient ginaEarly = online(gina, "early")) {
            chat(ginaEarly, frank, "nobody to tell");
            for (int i = 0; i < 500 && meters.get(MeterNames.PUSH_NOTIFICATIONS).tag("result", "unreachable").counter()
                    .count() == unreachableBefore; i++) {
                Thread.sleep(20);
            }
        }
        assertThat(meters.get(MeterNames.PUSH_NOTIFICATIONS).tag("result", "unreachable").counter().count())
                .isEqualTo(unreachableBefore + 1);
        assertThat(push.registrationsOf(frank)).hasSize(1);
        try (RawXmppClient appServer = component(PUSH_SERVICE, PUSH_SECRET);
             RawXmppClient ginaDesk = online(gina, "desk")) {
            for (int i = 1; i <= 3; i++) {
                chat(ginaDesk, frank, "offline " + i);
                assertThat(nextNotification(appServer, "error")).contains("<publish node=\"n-offline\">");
            }
            for (int i = 0; i < 500 && !push.registrationsOf(frank).isEmpty(); i++) {
                Thread.sleep(20);
            }
            assertThat(push.registrationsOf(frank)).isEmpty();
            assertThat(meters.get(MeterNames.PUSH_REGISTRATIONS_DISABLED).counter().count() - disabledBefore).isEqualTo(1);
        }
    }

    @Test
    void badEnableRequestsAreRefusedAndDisableRemoves() throws Exception {
        String hank = createUser("hank");
        try (RawXmppClient phone = online(hank, "phone")) {
            phone.send("<iq type='set' id='e1'><enable xmlns='urn:xmpp:push:0' jid='" + PUSH_SERVICE + "'/></iq>");
            assertThat(phone.await("</iq>")).contains("id=\"e1\"").contains("<bad-request");
            phone.send("<iq type='set' id='e2'><enable xmlns='urn:xmpp:push:0' jid='push.example.org' node='x'/></iq>");
            assertThat(phone.await("</iq>")).contains("id=\"e2\"").contains("<remote-server-not-found");
            phone.send("<iq type='set' id='e3'><enable xmlns='urn:xmpp:push:0' jid='" + PUSH_SERVICE + "' node='x'>"
                    + "<x xmlns='jabber:x:data' type='form'/></enable></iq>");
            assertThat(phone.await("</iq>")).contains("id=\"e3\"").contains("<bad-request");
            phone.send("<iq type='get' id='e4'><enable xmlns='urn:xmpp:push:0' jid='" + PUSH_SERVICE + "' node='x'/></iq>");
            assertThat(phone.await("</iq>")).contains("id=\"e4\"").contains("type=\"error\"");
            assertThat(push.registrationsOf(hank)).isEmpty();

            enablePush(phone, "n-a");
            enablePush(phone, "n-b"); // the same device with a new node replaces its registration
            assertThat(push.registrationsOf(hank)).hasSize(1).first().matches(r -> r.node.equals("n-b"));
            phone.send("<iq type='set' id='d1'><disable xmlns='urn:xmpp:push:0' jid='" + PUSH_SERVICE + "'/></iq>");
            assertThat(phone.awaitMatch("(<iq [^>]*id=\"d1\"[^>]*>)")).contains("type=\"result\"");
            assertThat(push.registrationsOf(hank)).isEmpty();

            // publish-options too large for what is kept
            phone.send("<iq type='set' id='e5'><enable xmlns='urn:xmpp:push:0' jid='" + PUSH_SERVICE + "' node='big'>"
                    + "<x xmlns='jabber:x:data' type='submit'><field var='secret'><value>" + "s".repeat(5000)
                    + "</value></field></x></enable></iq>");
            assertThat(phone.await("</iq>")).contains("id=\"e5\"").contains("<not-acceptable");
            assertThat(push.registrationsOf(hank)).isEmpty();
            enablePush(phone, "n-c");
        }
        // a deleted account's registrations go with it: a new account of the same name inherits none
        accounts.delete(hank).block();
        for (int i = 0; i < 500 && !push.registrationsOf(hank).isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(push.registrationsOf(hank)).isEmpty();
    }
}
