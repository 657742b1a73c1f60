package im.tandem.feature.offline;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.admin.MeterNames;
import im.tandem.routing.OfflineStorage.Result;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.store.OfflineStore;
import im.tandem.store.XmlFragments;
import im.tandem.support.RecordingSession;
import im.tandem.support.TestDatabase;
import im.tandem.xml.Element;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Offline storage against a real H2 store: quota, order, and deletion only after delivery. */
class OfflineMessagesTest {

    @TempDir
    static Path dataDir;

    static TestDatabase database;
    static OfflineStore store;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void open() {
        database = new TestDatabase(dataDir);
        store = new OfflineStore(database.client());
    }

    @AfterAll
    static void close() throws Exception {
        database.close();
    }

    OfflineMessages offline(int maxMessages, DataSize maxBytes) {
        return new OfflineMessages(store, new OfflineProperties(maxMessages, maxBytes), "example.org", meters,
                Clock.fixed(Instant.parse("2026-05-06T07:08:09Z"), ZoneOffset.UTC));
    }

    static Stanza chat(String to, String body) {
        return Stanza.of(XmlFragments.parse("<message xmlns='jabber:client' from='alice@example.org/phone' to='"
                + to + "@example.org' type='chat'><body>" + body + "</body></message>"));
    }

    @Test
    void quotaInMessagesIsExceededByTheOneTooMany() {
        String bob = database.newUser();
        OfflineMessages offline = offline(2, DataSize.ofMegabytes(1));
        assertThat(offline.store(chat(bob, "1")).block()).isEqualTo(Result.STORED);
        assertThat(offline.store(chat(bob, "2")).block()).isEqualTo(Result.STORED);
        assertThat(offline.store(chat(bob, "3")).block()).isEqualTo(Result.QUOTA_EXCEEDED);
        assertThat(store.count(bob).block()).isEqualTo(2);
        assertThat(meters.counter(MeterNames.OFFLINE_STORED).count()).isEqualTo(2.0);
    }

    @Test
    void quotaInBytesCountsTheStampedStanza() {
        String bob = database.newUser();
        OfflineMessages offline = offline(1000, DataSize.ofBytes(400));
        assertThat(offline.store(chat(bob, "x".repeat(100))).block()).isEqualTo(Result.STORED);
        assertThat(offline.store(chat(bob, "y".repeat(100))).block()).isEqualTo(Result.QUOTA_EXCEEDED);
    }

    @Test
    void messagesNotWorthKeepingAreNotStored() {
        String bob = database.newUser();
        Stanza headline = Stanza.of(XmlFragments.parse("<message xmlns='jabber:client' to='" + bob
                + "@example.org' type='headline'><body>news</body></message>"));
        assertThat(offline(10, DataSize.ofMegabytes(1)).store(headline).block()).isEqualTo(Result.NOT_STORED);
        assertThat(store.count(bob).block()).isZero();
    }

    @Test
    void initialPresenceDeliversInOrderWithDelayAndDeletes() {
        String bob = database.newUser();
        OfflineMessages offline = offline(10, DataSize.ofMegabytes(1));
        offline.store(chat(bob, "first")).block();
        offline.store(chat(bob, "second")).block();

        RecordingSession output = new RecordingSession();
        ClientSession session = available(bob, output, 0);
        offline.initialPresence(session).block();

        assertThat(output.sent()).extracting(m -> m.childText("body", Stanza.CLIENT_NAMESPACE))
                .containsExactly("first", "second");
        Element delay = output.sent().get(0).child("delay", OfflinePolicy.DELAY);
        assertThat(delay.attribute("from")).isEqualTo("example.org");
        assertThat(delay.attribute("stamp")).isEqualTo("2026-05-06T07:08:09Z");
        assertThat(store.count(bob).block()).isZero();
    }

    @Test
    void sessionClosingMidDeliveryKeepsWhatWasNotWritten() {
        String bob = database.newUser();
        OfflineMessages offline = offline(10, DataSize.ofMegabytes(1));
        offline.store(chat(bob, "first")).block();
        offline.store(chat(bob, "second")).block();
        offline.store(chat(bob, "third")).block();

        RecordingSession output = new RecordingSession();
        output.closeAfter(2);
        offline.initialPresence(available(bob, output, 0)).block();

        // the stream closed as the second was queued: only the first counts as delivered
        assertThat(store.fetch(bob).collectList().block())
                .extracting(m -> XmlFragments.parse(m.stanza()).childText("body", Stanza.CLIENT_NAMESPACE))
                .containsExactly("second", "third");
    }

    @Test
    void negativePriorityReceivesNothing() {
        String bob = database.newUser();
        OfflineMessages offline = offline(10, DataSize.ofMegabytes(1));
        offline.store(chat(bob, "kept")).block();
        RecordingSession output = new RecordingSession();
        offline.initialPresence(available(bob, output, -1)).block();
        assertThat(output.sent()).isEmpty();
        assertThat(store.count(bob).block()).isEqualTo(1);
    }

    private static ClientSession available(String username, RecordingSession output, int priority) {
        ClientSession session = RecordingSession.session(username + "@example.org/res", output);
        session.updatePresence(Element.of("presence", Stanza.CLIENT_NAMESPACE), priority);
        return session;
    }
}
