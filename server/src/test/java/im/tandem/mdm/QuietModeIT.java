package im.tandem.mdm;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.admin.MeterNames;
import im.tandem.session.SessionRegistry;
import im.tandem.support.Device;
import im.tandem.support.RawXmppClient;
import im.tandem.support.Device.Delivery;
import im.tandem.support.Device.Kind;
import im.tandem.support.XmppClients;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.csi.ClientStateIndicationManager;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Quiet mode (XEP-0352, SPEC section 3): each flush trigger a to e on its own, presence
 * deduplication, order and delay stamps, and that nothing held is lost when the connection dies.
 * Alice's laptop is the active client throughout unless a test says otherwise, so messages for
 * her quiet phone are held rather than flushed by trigger b.
 */
class QuietModeIT extends MdmServerTest {

    @Autowired
    SessionRegistry sessions;

    /** Alice's active laptop, her quiet phone and Bob. */
    private record Trio(Device laptop, Device phone, Device bob) {
    }

    private Trio quietPhone(XmppClients clients, String alice, String bob) throws Exception {
        return quietPhone(clients, alice, bob, true);
    }

    /** With {@code streamManagement} false the phone's client has no XEP-0198: a dropped connection ends its session. */
    private Trio quietPhone(XmppClients clients, String alice, String bob, boolean streamManagement) throws Exception {
        Device phone = device(clients, alice, "phone", streamManagement).enableCarbons();
        Device laptop = device(clients, alice, "laptop").enableCarbons();
        Device b = device(clients, bob, "desk");
        inactive(phone);
        return new Trio(laptop, phone, b);
    }

    /** Bob writes {@code bodies}; the laptop gets each directly, the phone holds the copies. */
    private static void heldOnPhone(Trio t, String alice, String... bodies) throws Exception {
        for (String body : bodies) {
            chat(t.bob(), bare(alice), body);
        }
        for (String body : bodies) {
            assertDelivery(t.laptop().next(), Kind.DIRECT, body);
        }
        t.bob().drain();
        assertThat(t.phone().received()).as("the quiet phone got nothing yet").isEmpty();
    }

    private static void assertHeldCopies(List<Delivery> deliveries, String... bodies) {
        assertThat(deliveries).extracting(Delivery::body).containsExactly(bodies);
        for (Delivery d : deliveries) {
            assertThat(d.kind()).isEqualTo(Kind.RECEIVED_COPY);
            assertThat(d.delayed()).as("%s carries a delay stamp", d.body()).isTrue();
        }
    }

    @Test
    void iqForTheQuietSessionFlushesFirst() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        double before = flushes(FlushTrigger.IQ);
        try (XmppClients clients = clients()) {
            Trio t = quietPhone(clients, alice, bob);
            heldOnPhone(t, alice, "one", "two");
            // a. Bob pings the phone itself: the held copies are written, then the ping, which the phone answers
            assertThat(PingManager.getInstanceFor(t.bob().connection())
                    .ping(JidCreate.entityFullFrom(alice + "@" + DOMAIN + "/phone"), 10_000)).isTrue();
            assertHeldCopies(t.phone().next(2), "one", "two");
        }
        assertThat(flushes(FlushTrigger.IQ) - before).isEqualTo(1);
    }

    @Test
    void messageWhileNoOtherDeviceIsActiveFlushes() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        double before = flushes(FlushTrigger.MESSAGE);
        try (XmppClients clients = clients()) {
            Trio t = quietPhone(clients, alice, bob);
            heldOnPhone(t, alice, "while you were at the desk");
            // b. the laptop's active window runs out: the next message would be seen by nobody, so the phone wakes
            later(Duration.ofMinutes(6));
            chat(t.bob(), bare(alice), "anyone?");
            assertHeldCopies(t.phone().next(1), "while you were at the desk");
            Delivery now = t.phone().next();
            assertThat(now.kind()).isEqualTo(Kind.DIRECT);
            assertThat(now.body()).isEqualTo("anyone?");
            assertThat(now.delayed()).isFalse();
        }
        assertThat(flushes(FlushTrigger.MESSAGE) - before).isEqualTo(1);
    }

    @Test
    void sessionLimitFlushesInOrder() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        double before = flushes(FlushTrigger.SESSION_LIMIT);
        try (XmppClients clients = clients()) {
            Trio t = quietPhone(clients, alice, bob);
            heldOnPhone(t, alice, "1", "2", "3", "4", "5", "6", "7");
            // c. the eighth stanza reaches tandem.mdm.buffer.session-max-stanzas=8
            chat(t.bob(), bare(alice), "8");
            assertHeldCopies(t.phone().next(8), "1", "2", "3", "4", "5", "6", "7", "8");
        }
        assertThat(flushes(FlushTrigger.SESSION_LIMIT) - before).isEqualTo(1);
    }

    @Test
    void nodeLimitFlushesTheOldestBufferFirst() throws Exception {
        String alice = createUser("alice");
        String carol = createUser("carol");
        String bob = createUser("bob");
        String big = "x".repeat(3500);
        double before = flushes(FlushTrigger.GLOBAL_LIMIT);
        try (XmppClients clients = clients()) {
            Trio a = quietPhone(clients, alice, bob);
            Device carolPhone = device(clients, carol, "phone").enableCarbons();
            Device carolLaptop = device(clients, carol, "laptop").enableCarbons();
            inactive(carolPhone);
            heldOnPhone(a, alice, big + 1, big + 2, big + 3, big + 4);
            // d. about 15 KB held by alice's phone; carol's first copy takes the node past 16 KB
            chat(a.bob(), bare(carol), big + 5);
            assertDelivery(carolLaptop.next(), Kind.DIRECT, big + 5);
            assertHeldCopies(a.phone().next(4), big + 1, big + 2, big + 3, big + 4);
            a.bob().drain();
            assertThat(carolPhone.received()).as("the newer buffer stays held").isEmpty();
            ClientStateIndicationManager.active(carolPhone.connection());
            assertHeldCopies(carolPhone.next(1), big + 5);
        }
        assertThat(flushes(FlushTrigger.GLOBAL_LIMIT) - before).isEqualTo(1);
    }

    @Test
    void stanzaHeldLongerThanTheMaximumHoldTimeIsFlushed() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        double before = flushes(FlushTrigger.HOLD_TIME);
        try (XmppClients clients = clients()) {
            Trio t = quietPhone(clients, alice, bob);
            heldOnPhone(t, alice, "old news");
            // e. ten minutes (tandem.mdm.buffer.max-hold) pass; the next sweep writes it out
            later(Duration.ofMinutes(11));
            Delivery flushed = t.phone().next();
            assertHeldCopies(List.of(flushed), "old news");
            DelayInformation delay = DelayInformation.from(flushed.outer());
            assertThat(delay.getFrom()).isEqualTo(DOMAIN);
        }
        assertThat(flushes(FlushTrigger.HOLD_TIME) - before).isEqualTo(1);
    }

    @Test
    void presenceChurnIsDeduplicatedAndMessagesKeepTheirOrder() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (XmppClients clients = clients()) {
            Trio t = quietPhone(clients, alice, bob);
            // alice follows bob's presence
            Roster.getInstanceFor(t.bob().connection()).setSubscriptionMode(Roster.SubscriptionMode.accept_all);
            Roster roster = Roster.getInstanceFor(t.laptop().connection());
            roster.createItemAndRequestSubscription(bare(bob).asBareJid(), "Bob", null);
            awaitSubscribed(roster, bob);
            StanzaCollector bobPresence = t.phone().connection().createStanzaCollector(new AndFilter(
                    StanzaTypeFilter.PRESENCE, FromMatchesFilter.createBare(bare(bob)),
                    s -> ((Presence) s).getType() == Presence.Type.available));
            XMPPTCPConnection bc = t.bob().connection();
            chat(t.bob(), bare(alice), "before");
            for (String status : new String[] {"busy", "in a meeting", "back"}) {
                bc.sendStanza(bc.getStanzaFactory().buildPresenceStanza().setStatus(status).build());
            }
            chat(t.bob(), bare(alice), "after");
            assertDelivery(t.laptop().next(), Kind.DIRECT, "before");
            assertDelivery(t.laptop().next(), Kind.DIRECT, "after");
            t.bob().drain();
            assertThat(t.phone().received()).isEmpty();

            ClientStateIndicationManager.active(t.phone().connection());
            assertHeldCopies(t.phone().next(2), "before", "after");
            t.phone().drain();
            Presence only = bobPresence.pollResult();
            assertThat((Object) only).as("bob's latest presence").isNotNull();
            assertThat(only.getStatus()).isEqualTo("back");
            assertThat(DelayInformation.from(only)).isNotNull();
            assertThat((Object) bobPresence.pollResult()).as("earlier presence was superseded").isNull();
            bobPresence.cancel();
        }
    }



    private static void awaitSubscribed(Roster roster, String contact) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            RosterEntry entry = roster.getEntry(bare(contact).asBareJid());
            if (entry != null && (entry.getType() == org.jivesoftware.smack.roster.packet.RosterPacket.ItemType.to
                    || entry.getType() == org.jivesoftware.smack.roster.packet.RosterPacket.ItemType.both)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not subscribed to " + contact);
    }

    @Test
    void heldMessagesOfADroppedConnectionGoToTheUsersOtherDevice() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        double before = flushes(FlushTrigger.CLOSED);
        try (XmppClients clients = clients()) {
            Trio t = quietPhone(clients, alice, bob, false);
            chat(t.bob(), JidCreate.entityFullFrom(alice + "@" + DOMAIN + "/phone"), "for the phone only");
            assertDelivery(t.laptop().next(), Kind.RECEIVED_COPY, "for the phone only");
            t.bob().drain();
            // the laptop (which had a copy) leaves; a tablet without carbons arrives; the phone's socket dies
            t.laptop().connection().disconnect();
            Device tablet = device(clients, alice, "tablet");
            t.phone().connection().instantShutdown();
            Delivery rescued = tablet.next();
            assertThat(rescued.kind()).isEqualTo(Kind.DIRECT);
            assertThat(rescued.body()).isEqualTo("for the phone only");
            assertThat(rescued.delayed()).isTrue();
        }
        assertThat(flushes(FlushTrigger.CLOSED) - before).isEqualTo(1);
    }

    @Test
    void heldMessagesOfADroppedConnectionArriveAtTheNextLogin() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (XmppClients clients = clients()) {
            Trio t = quietPhone(clients, alice, bob, false);
            heldOnPhone(t, alice, "first", "second");
            t.laptop().connection().disconnect();
            t.phone().connection().instantShutdown();
            // nobody of alice's is online: the held messages go to offline storage, in order
            awaitOfflineCount(alice, 2);
            Device again = device(clients, alice, "phone");
            List<Delivery> offline = again.next(2);
            assertThat(offline).extracting(Delivery::body).containsExactly("first", "second");
            assertThat(offline).allMatch(Delivery::delayed);
        }
    }

    @Test
    void aDeviceThatNeverReadsIsClosedWhileItsOtherDevicesGetEverything() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        String big = "z".repeat(60_000);
        int count = 200; // 12 MB: far more than socket buffers and tandem.c2s.max-send-queue (2 MB) take
        double closedBefore = meters.find(MeterNames.STREAM_ERRORS).tag("condition", "policy-violation").counters()
                .stream().mapToDouble(c -> c.count()).sum();
        try (XmppClients clients = clients(); RawXmppClient sink = rawLogin(alice)) {
            sink.bindAndGoOnline("sink");
            sink.send("<iq type='set' id='c1'><enable xmlns='urn:xmpp:carbons:2'/></iq><inactive xmlns='urn:xmpp:csi:0'/>");
            sink.await("id=\"c1\"");
            Device laptop = device(clients, alice, "laptop").enableCarbons();
            Device desk = device(clients, bob, "desk");
            // from here on the sink reads nothing: its quiet buffer flushes (limits), its socket fills up
            for (int i = 0; i < count; i++) {
                chat(desk, bare(alice), i + ":" + big);
            }
            List<Delivery> got = laptop.next(count);
            assertThat(got).extracting(d -> d.body().substring(0, d.body().indexOf(':')))
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, count).mapToObj(String::valueOf).toList());
            assertThat(got).allMatch(d -> d.kind() == Kind.DIRECT);
            awaitGone(alice, "sink");
            chat(desk, bare(alice), "still fine");
            assertDelivery(laptop.next(), Kind.DIRECT, "still fine");
        }
        double closedAfter = meters.find(MeterNames.STREAM_ERRORS).tag("condition", "policy-violation").counters()
                .stream().mapToDouble(c -> c.count()).sum();
        assertThat(closedAfter - closedBefore).as("the sink was closed for not reading").isGreaterThanOrEqualTo(1);
    }

    private void awaitGone(String user, String resource) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (sessions.session(im.tandem.stanza.Jid.of(user, DOMAIN, resource)).isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(user + "/" + resource + " is still connected");
    }
}
