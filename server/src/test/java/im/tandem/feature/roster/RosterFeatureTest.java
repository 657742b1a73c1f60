package im.tandem.feature.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.session.StreamOutput;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StreamError;
import im.tandem.store.DatabaseConnector;
import im.tandem.store.DatabaseLocation;
import im.tandem.store.DatabaseMigrator;
import im.tandem.store.RosterStore;
import im.tandem.store.StoreConfiguration;
import im.tandem.store.StoredUser;
import im.tandem.store.UserStore;
import im.tandem.xml.Element;
import io.r2dbc.spi.ConnectionFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The roster handler and the subscription exchange on an embedded database, without sockets:
 * requests in, replies and pushes out as elements.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RosterFeatureTest {

    private static final String DOMAIN = "example.com";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    private ConnectionFactory connections;
    private UserStore users;
    private RosterStore store;
    private SessionRegistry sessions;
    private PresenceSubscriptions subscriptions;
    private RosterFeature roster;

    @BeforeAll
    void openStore() {
        DatabaseLocation location = DatabaseLocation.of(StoreConfiguration.embeddedUrl(dataDir), null, null);
        new DatabaseMigrator().migrate(location);
        connections = DatabaseConnector.connect(location, 4);
        DatabaseClient db = DatabaseClient.create(connections);
        users = new UserStore(db);
        store = new RosterStore(db);
        sessions = new SessionRegistry();
        RosterPushes pushes = new RosterPushes(DOMAIN, sessions);
        subscriptions = new PresenceSubscriptions(DOMAIN, store, pushes, sessions,
                username -> users.find(username).hasElement());
        roster = new RosterFeature(store, pushes, subscriptions, new RosterProperties(2, 20));
    }

    @AfterAll
    void closeStore() throws Exception {
        if (connections instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void setIsPushedToInterestedResourcesOnly() {
        String user = newUser();
        Recorder interested = session(user, "a");
        Recorder other = session(user, "b");
        call(interested, get(null));
        interested.sent.clear();

        Element reply = call(interested, set(item("friend@" + DOMAIN, "Friend", "Pals")));

        assertEquals("result", reply.attribute("type"));
        assertEquals(1, interested.sent.size());
        Element push = interested.sent.get(0);
        assertEquals("set", push.attribute("type"));
        Element pushed = push.firstElement().firstElement();
        assertEquals("friend@" + DOMAIN, pushed.attribute("jid"));
        assertEquals("Friend", pushed.attribute("name"));
        assertEquals("none", pushed.attribute("subscription"));
        assertEquals("Pals", pushed.childText("group", RosterItems.NAMESPACE));
        assertTrue(other.sent.isEmpty());
    }

    @Test
    void rosterBeyondTheLimitIsNotAllowed() {
        String user = newUser();
        Recorder s = session(user, "a");
        call(s, set(item("one@" + DOMAIN, null, null)));
        call(s, set(item("two@" + DOMAIN, null, null)));
        Element reply = call(s, set(item("three@" + DOMAIN, null, null)));
        assertEquals("not-allowed", errorCondition(reply));
        // changing an existing item needs no room
        assertEquals("result", call(s, set(item("two@" + DOMAIN, "Two", null))).attribute("type"));
    }

    @Test
    void tooLongGroupNameIsNotAcceptable() {
        Recorder s = session(newUser(), "a");
        assertEquals("not-acceptable", errorCondition(call(s, set(item("x@" + DOMAIN, null, "g".repeat(21))))));
    }

    @Test
    void pendingRequestIsHiddenUntilAnsweredThenBothSeeTheirItems() {
        String alice = newUser();
        String bob = newUser();
        Recorder a = session(alice, "a");
        call(a, get(null));
        a.sent.clear();

        subscriptions.send(a.session, presence(a.session, bob, "subscribe"), SubscriptionStateMachine.Type.SUBSCRIBE)
                .block(TIMEOUT);

        Element alicePush = a.sent.get(0).firstElement().firstElement();
        assertEquals("subscribe", alicePush.attribute("ask"));
        // bob was offline: the request waits for him, not in his roster
        List<Element> pending = subscriptions.pendingRequests(jid(bob)).collectList().block(TIMEOUT);
        assertEquals(1, pending.size());
        assertEquals(jid(alice).toString(), pending.get(0).attribute("from"));
        Recorder b = session(bob, "b");
        Element bobRoster = call(b, get(""));
        assertTrue(bobRoster.firstElement().elements().isEmpty());
        assertEquals("1", bobRoster.firstElement().attribute("ver"));
        b.sent.clear();
        a.sent.clear();

        subscriptions.send(b.session, presence(b.session, alice, "subscribed"), SubscriptionStateMachine.Type.SUBSCRIBED)
                .block(TIMEOUT);

        Element bobPush = b.sent.get(0).firstElement().firstElement();
        assertEquals("from", bobPush.attribute("subscription"));
        Element aliceItem = a.sent.get(0).firstElement().firstElement();
        assertEquals("to", aliceItem.attribute("subscription"));
        assertNull(aliceItem.attribute("ask"));
        assertTrue(subscriptions.pendingRequests(jid(bob)).collectList().block(TIMEOUT).isEmpty());
    }

    private String newUser() {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        users.create(new StoredUser(name, "x", "y", false, false, false, Instant.now())).block(TIMEOUT);
        return name;
    }

    private static Jid jid(String user) {
        return Jid.of(user, DOMAIN, null);
    }

    private Recorder session(String user, String resource) {
        Recorder recorder = new Recorder();
        recorder.session = new ClientSession(UUID.randomUUID().toString(), Jid.of(user, DOMAIN, resource), recorder,
                new InetSocketAddress(0), true, Instant.now());
        sessions.register(recorder.session);
        return recorder;
    }

    private Element call(Recorder recorder, Element query) {
        Element iq = Element.builder("iq", Stanza.CLIENT_NAMESPACE)
                .attribute("type", query.firstElement() != null ? "set" : "get")
                .attribute("id", "q1")
                .attribute("from", recorder.session.jid().toString())
                .child(query)
                .build();
        return roster.handle(Stanza.of(iq), recorder.session).block(TIMEOUT);
    }

    private static Element get(String ver) {
        return Element.builder("query", RosterItems.NAMESPACE).attribute("ver", ver).build();
    }

    private static Element set(Element item) {
        return Element.builder("query", RosterItems.NAMESPACE).child(item).build();
    }

    private static Element item(String jid, String name, String group) {
        return Element.builder("item", RosterItems.NAMESPACE).attribute("jid", jid).attribute("name", name)
                .textChild("group", RosterItems.NAMESPACE, group).build();
    }

    private static Stanza presence(ClientSession from, String to, String type) {
        return Stanza.of(Element.builder("presence", Stanza.CLIENT_NAMESPACE)
                .attribute("from", from.jid().toString()).attribute("to", jid(to).toString())
                .attribute("type", type).build());
    }

    private static String errorCondition(Element reply) {
        assertEquals("error", reply.attribute("type"));
        return reply.child("error", Stanza.CLIENT_NAMESPACE).firstElement().name();
    }

    /** A session output that keeps what was sent. */
    private static final class Recorder implements StreamOutput {
        final List<Element> sent = new CopyOnWriteArrayList<>();
        ClientSession session;

        @Override
        public void send(Element stanza) {
            sent.add(stanza);
        }

        @Override
        public void close(StreamError error) {
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }
}
