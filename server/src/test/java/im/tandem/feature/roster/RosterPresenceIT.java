package im.tandem.feature.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Roster and presence subscriptions (RFC 6121) between real Smack clients. */
class RosterPresenceIT extends TandemServerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private XmppClients clients;
    /** What the last polled roster showed, for the failure message. */
    private static final ThreadLocal<String> STATE = ThreadLocal.withInitial(() -> "");

    @BeforeAll
    static void acceptAllRequests() {
        Roster.setDefaultSubscriptionMode(Roster.SubscriptionMode.accept_all);
    }

    @BeforeEach
    void openClients() {
        clients = clients();
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    void mutualSubscriptionShowsPresenceBothWaysAndFollowsChanges() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        XMPPTCPConnection a = clients.login(alice, PASSWORD, "phone");
        XMPPTCPConnection b = clients.login(bob, PASSWORD, "laptop");
        Roster aliceRoster = loaded(a);
        Roster bobRoster = loaded(b);

        aliceRoster.createItemAndRequestSubscription(jid(bob), "Bob", new String[] {"Friends"});
        bobRoster.createItemAndRequestSubscription(jid(alice), "Alice", null);

        awaitTrue("alice's item for bob becomes both", () -> type(aliceRoster, bob) == ItemType.both);
        awaitTrue("bob's item for alice becomes both", () -> type(bobRoster, alice) == ItemType.both);
        awaitTrue("alice sees bob available", () -> aliceRoster.getPresence(jid(bob)).isAvailable());
        awaitTrue("bob sees alice available", () -> bobRoster.getPresence(jid(alice)).isAvailable());
        RosterEntry entry = aliceRoster.getEntry(jid(bob));
        assertEquals("Bob", entry.getName());
        assertEquals("Friends", entry.getGroups().get(0).getName());

        Presence away = new Presence(Presence.Type.available, "at lunch", 1, Presence.Mode.away);
        a.sendStanza(away);
        awaitTrue("bob sees alice's new status",
                () -> "at lunch".equals(bobRoster.getPresence(jid(alice)).getStatus()));
        assertEquals(Presence.Mode.away, bobRoster.getPresence(jid(alice)).getMode());

        a.disconnect();
        awaitTrue("bob sees alice go offline", () -> !bobRoster.getPresence(jid(alice)).isAvailable());

        XMPPTCPConnection again = clients.login(alice, PASSWORD, "tablet");
        Roster reloaded = loaded(again);
        awaitTrue("bob sees alice come back", () -> bobRoster.getPresence(jid(alice)).isAvailable());
        awaitTrue("alice's new resource learns bob's presence", () -> reloaded.getPresence(jid(bob)).isAvailable());
        assertEquals(ItemType.both, type(reloaded, bob));
    }

    @Test
    void removingAnItemCancelsBothSubscriptions() throws Exception {
        String carol = createUser("carol");
        String dan = createUser("dan");
        XMPPTCPConnection c = clients.login(carol, PASSWORD, "desk");
        XMPPTCPConnection d = clients.login(dan, PASSWORD, "desk");
        Roster carolRoster = loaded(c);
        Roster danRoster = loaded(d);
        carolRoster.createItemAndRequestSubscription(jid(dan), "Dan", null);
        danRoster.createItemAndRequestSubscription(jid(carol), "Carol", null);
        awaitTrue("both ways", () -> type(carolRoster, dan) == ItemType.both && type(danRoster, carol) == ItemType.both);
        awaitTrue("dan sees carol", () -> danRoster.getPresence(jid(carol)).isAvailable());

        carolRoster.removeEntry(carolRoster.getEntry(jid(dan)));

        awaitTrue("the item is gone from carol's roster", () -> carolRoster.getEntry(jid(dan)) == null);
        awaitTrue("dan's item for carol is back to none", () -> type(danRoster, carol) == ItemType.none);
        awaitTrue("dan no longer sees carol", () -> !danRoster.getPresence(jid(carol)).isAvailable());
        // a fresh roster retrieval agrees with the pushes
        carolRoster.reloadAndWait();
        assertNull(carolRoster.getEntry(jid(dan)));
    }

    @Test
    void requestToAnOfflineUserIsDeliveredAtItsInitialPresence() throws Exception {
        String erin = createUser("erin");
        String frank = createUser("frank");
        XMPPTCPConnection e = clients.login(erin, PASSWORD, "desk");
        Roster erinRoster = loaded(e);
        erinRoster.createItemAndRequestSubscription(jid(frank), null, null);
        awaitTrue("erin's request is pending", () -> {
            RosterEntry entry = erinRoster.getEntry(jid(frank));
            return entry != null && entry.isSubscriptionPending();
        });

        // frank's client accepts every request, once it gets it
        XMPPTCPConnection f = clients.login(frank, PASSWORD, "desk");
        loaded(f);

        awaitTrue("erin is subscribed to frank", () -> type(erinRoster, frank) == ItemType.to);
        awaitTrue("erin sees frank", () -> erinRoster.getPresence(jid(frank)).isAvailable());
    }

    @Test
    void preApprovalAnswersARequestWithoutTheUser() throws Exception {
        String gina = createUser("gina");
        String hank = createUser("hank");
        XMPPTCPConnection g = clients.login(gina, PASSWORD, "desk");
        Roster ginaRoster = loaded(g);
        assertTrue(ginaRoster.isSubscriptionPreApprovalSupported());
        assertTrue(ginaRoster.isRosterVersioningSupported());
        ginaRoster.preApproveAndCreateEntry(jid(hank), "Hank", null);
        awaitTrue("the pre-approved item is pushed", () -> {
            RosterEntry entry = ginaRoster.getEntry(jid(hank));
            return entry != null && entry.isApproved();
        });
        g.disconnect();

        XMPPTCPConnection h = clients.login(hank, PASSWORD, "desk");
        Roster hankRoster = loaded(h);
        // nobody of gina's is online to answer: the server does
        Roster.getInstanceFor(h).setSubscriptionMode(Roster.SubscriptionMode.manual);
        hankRoster.createItemAndRequestSubscription(jid(gina), null, null);
        // Smack's preApproveAndCreateEntry also asks for hank's presence, and hank's client may
        // accept that request before the manual mode above takes effect: "both" then is right too.
        awaitTrue("hank is subscribed to gina", () -> {
            ItemType type = type(hankRoster, gina);
            return type == ItemType.to || type == ItemType.both;
        });
    }

    @Test
    void blockingAContactStopsPresenceBothWaysUntilUnblocked() throws Exception {
        String ivy = createUser("ivy");
        String jack = createUser("jack");
        XMPPTCPConnection i = clients.login(ivy, PASSWORD, "phone");
        XMPPTCPConnection j = clients.login(jack, PASSWORD, "laptop");
        Roster ivyRoster = loaded(i);
        Roster jackRoster = loaded(j);
        ivyRoster.createItemAndRequestSubscription(jid(jack), null, null);
        jackRoster.createItemAndRequestSubscription(jid(ivy), null, null);
        awaitTrue("jack sees ivy", () -> jackRoster.getPresence(jid(ivy)).isAvailable());
        awaitTrue("ivy sees jack", () -> ivyRoster.getPresence(jid(jack)).isAvailable());

        org.jivesoftware.smackx.blocking.BlockingCommandManager.getInstanceFor(i).blockContacts(List.of(jid(jack)));
        awaitTrue("jack sees ivy go unavailable when she blocks him", () -> !jackRoster.getPresence(jid(ivy)).isAvailable());

        // while blocked, neither side's presence reaches the other
        i.sendStanza(new Presence(Presence.Type.available, "blocked you", 0, Presence.Mode.dnd));
        j.sendStanza(new Presence(Presence.Type.available, "hello?", 0, Presence.Mode.chat));
        org.jivesoftware.smackx.ping.PingManager.getInstanceFor(i).pingMyServer(false, 10_000);
        org.jivesoftware.smackx.ping.PingManager.getInstanceFor(j).pingMyServer(false, 10_000);

        org.jivesoftware.smackx.blocking.BlockingCommandManager.getInstanceFor(i).unblockContacts(List.of(jid(jack)));
        // ivy's next broadcast reaches jack again; nothing from the blocked period ever arrived
        i.sendStanza(new Presence(Presence.Type.available, "back", 0, Presence.Mode.available));
        awaitTrue("jack sees ivy again after unblock", () -> "back".equals(jackRoster.getPresence(jid(ivy)).getStatus()));
        assertTrue(!"hello?".equals(ivyRoster.getPresence(jid(jack)).getStatus()), "ivy never saw jack's status while blocking him");
    }

    @Test
    void subscriptionRequestFromABlockedUserNeverArrives() throws Exception {
        String mia = createUser("mia");
        String ned = createUser("ned");
        XMPPTCPConnection m = clients.login(mia, PASSWORD, "phone");
        XMPPTCPConnection n = clients.login(ned, PASSWORD, "laptop");
        Roster miaRoster = loaded(m);
        miaRoster.setSubscriptionMode(Roster.SubscriptionMode.manual);
        Roster nedRoster = loaded(n);
        org.jivesoftware.smackx.blocking.BlockingCommandManager.getInstanceFor(m).blockContacts(List.of(jid(ned)));
        // a collector sees stanzas in the order they arrive, so a request delivered before mia's ping reply is caught
        org.jivesoftware.smack.StanzaCollector requests = m.createStanzaCollector(
                s -> s instanceof Presence p && p.getType() == Presence.Type.subscribe);
        try {
            nedRoster.createItemAndRequestSubscription(jid(mia), null, null);
            org.jivesoftware.smackx.ping.PingManager.getInstanceFor(n).pingMyServer(false, 10_000);
            org.jivesoftware.smackx.ping.PingManager.getInstanceFor(m).pingMyServer(false, 10_000);
            assertNull(requests.pollResult(), "the blocked user's subscription request reached mia");
        } finally {
            requests.cancel();
        }
    }

    private static Roster loaded(XMPPTCPConnection connection) throws Exception {
        Roster roster = Roster.getInstanceFor(connection);
        if (!roster.isLoaded()) {
            roster.reloadAndWait();
        }
        return roster;
    }

    private static ItemType type(Roster roster, String username) {
        RosterEntry entry = roster.getEntry(jid(username));
        STATE.set(entry == null ? "no entry" : entry.getType() + " pending " + entry.isSubscriptionPending());
        return entry == null ? null : entry.getType();
    }

    private static BareJid jid(String username) {
        return JidCreate.bareFromOrThrowUnchecked(username + "@" + DOMAIN);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what + " " + STATE.get());
            }
            Thread.sleep(20);
        }
    }
}
