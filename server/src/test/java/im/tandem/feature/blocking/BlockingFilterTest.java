package im.tandem.feature.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.routing.StanzaFilter.Verdict;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.store.BlockListStore;
import im.tandem.store.RosterStore;
import im.tandem.store.XmlFragments;
import im.tandem.support.RecordingSession;
import im.tandem.support.TestDatabase;
import im.tandem.xml.Element;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blocking filter and block list cache against a real H2 store; XML in, XML out. */
class BlockingFilterTest {

    static final String DOMAIN = "example.org";

    @TempDir
    static Path dataDir;

    static TestDatabase database;

    SessionRegistry sessions;
    BlockLists lists;
    BlockingFilter filter;
    String alice;
    String bob;
    RecordingSession aliceOut;
    RecordingSession bobOut;
    ClientSession aliceSession;
    ClientSession bobSession;

    @BeforeAll
    static void open() {
        database = new TestDatabase(dataDir);
    }

    @AfterAll
    static void close() throws Exception {
        database.close();
    }

    @BeforeEach
    void users() {
        sessions = new SessionRegistry();
        lists = new BlockLists(new BlockListStore(database.client()), sessions, new RosterStore(database.client()), DOMAIN);
        filter = new BlockingFilter(lists);
        alice = database.newUser();
        bob = database.newUser();
        aliceOut = new RecordingSession();
        bobOut = new RecordingSession();
        aliceSession = RecordingSession.session(alice + "@" + DOMAIN + "/phone", aliceOut);
        bobSession = RecordingSession.session(bob + "@" + DOMAIN + "/laptop", bobOut);
        sessions.register(aliceSession);
        sessions.register(bobSession);
    }

    @Test
    void messageFromBlockedSenderIsRefusedWithServiceUnavailable() {
        lists.block(aliceSession, List.of(Jid.parse(bob + "@" + DOMAIN))).block();
        Stanza message = stanza("<message xmlns='jabber:client' id='m1' from='" + bobSession.jid() + "' to='"
                + alice + "@" + DOMAIN + "' type='chat'><body>hi</body></message>");

        assertThat(filter.check(message, bobSession, message.to()).block()).isEqualTo(Verdict.REFUSED);
        assertThat(bobOut.sent()).hasSize(1);
        Element error = bobOut.sent().get(0);
        assertThat(error.attribute("type")).isEqualTo("error");
        assertThat(error.child("error", Stanza.CLIENT_NAMESPACE)
                .child("service-unavailable", "urn:ietf:params:xml:ns:xmpp-stanzas")).isNotNull();
        assertThat(aliceOut.sent()).isEmpty();
    }

    @Test
    void presenceAndIqResultFromBlockedSenderAreDroppedSilently() {
        lists.block(aliceSession, List.of(Jid.parse(DOMAIN))).block();
        Stanza presence = stanza("<presence xmlns='jabber:client' from='" + bobSession.jid() + "' to='"
                + alice + "@" + DOMAIN + "'/>");
        Stanza result = stanza("<iq xmlns='jabber:client' id='q' type='result' from='" + bobSession.jid() + "' to='"
                + aliceSession.jid() + "'/>");

        assertThat(filter.check(presence, bobSession, presence.to()).block()).isEqualTo(Verdict.REFUSED);
        assertThat(filter.check(result, bobSession, result.to()).block()).isEqualTo(Verdict.REFUSED);
        assertThat(bobOut.sent()).isEmpty();
    }

    @Test
    void senderWhoBlockedRecipientGetsNotAcceptableWithBlockedCondition() {
        lists.block(aliceSession, List.of(Jid.parse(bob + "@" + DOMAIN))).block();
        Stanza message = stanza("<message xmlns='jabber:client' id='m2' from='" + aliceSession.jid() + "' to='"
                + bob + "@" + DOMAIN + "' type='chat'><body>hi</body></message>");

        assertThat(filter.check(message, aliceSession, message.to()).block()).isEqualTo(Verdict.REFUSED);
        assertThat(aliceOut.sent()).last().hasToString("<message xmlns=\"jabber:client\" type=\"error\" id=\"m2\" from=\""
                + bob + "@" + DOMAIN + "\" to=\"" + aliceSession.jid() + "\"><error type=\"modify\">"
                + "<not-acceptable xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>"
                + "<blocked xmlns=\"urn:xmpp:blocking:errors\"/></error></message>");
    }

    @Test
    void unblockLetsStanzasPassAgainWithoutStaleCache() {
        Jid bobJid = Jid.parse(bob + "@" + DOMAIN);
        Stanza message = stanza("<message xmlns='jabber:client' from='" + bobSession.jid() + "' to='"
                + alice + "@" + DOMAIN + "' type='chat'><body>hi</body></message>");
        assertThat(filter.check(message, bobSession, message.to()).block()).isEqualTo(Verdict.PASS);
        lists.block(aliceSession, List.of(bobJid)).block();
        assertThat(filter.check(message, bobSession, message.to()).block()).isEqualTo(Verdict.REFUSED);
        lists.unblock(aliceSession, List.of()).block();
        assertThat(filter.check(message, bobSession, message.to()).block()).isEqualTo(Verdict.PASS);
    }

    @Test
    void listsAreCachedWhileUsersHaveSessionsOnly() {
        lists.blocked(alice).block();
        assertThat(lists.cachedUsers()).isEqualTo(1);
        lists.blocked(database.newUser()).block();
        assertThat(lists.cachedUsers()).isEqualTo(1);
        sessions.unregister(aliceSession);
        lists.sessionEnded(aliceSession).block();
        assertThat(lists.cachedUsers()).isZero();
    }

    @Test
    void changesArePushedToSessionsThatRequestedTheList() {
        RecordingSession desktopOut = new RecordingSession();
        ClientSession desktop = RecordingSession.session(alice + "@" + DOMAIN + "/desktop", desktopOut);
        sessions.register(desktop);
        desktop.put(BlockLists.INTERESTED, true);

        lists.block(aliceSession, List.of(Jid.parse("spam@example.net"))).block();

        assertThat(aliceOut.sent()).isEmpty();
        assertThat(desktopOut.sent()).hasSize(1);
        Element push = desktopOut.sent().get(0);
        assertThat(push.attribute("type")).isEqualTo("set");
        assertThat(push.attribute("to")).isEqualTo(desktop.jid().toString());
        assertThat(push.child("block", BlockingFeature.NAMESPACE).child("item", BlockingFeature.NAMESPACE)
                .attribute("jid")).isEqualTo("spam@example.net");
    }

    private static Stanza stanza(String xml) {
        return Stanza.of(XmlFragments.parse(xml));
    }
}
