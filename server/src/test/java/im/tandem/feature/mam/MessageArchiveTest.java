package im.tandem.feature.mam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.feature.mam.MessageArchive.Direction;
import im.tandem.stanza.Jid;
import im.tandem.store.ArchiveStore;
import im.tandem.store.XmlFragments;
import im.tandem.support.OffsetClock;
import im.tandem.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The archive against a real (H2) store: RSM paging both ways, index, count, id filters, retention. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageArchiveTest {

    @TempDir
    static Path dataDir;

    private TestDatabase db;
    private ArchiveStore store;
    private final OffsetClock clock = new OffsetClock();
    private MessageArchive archive;

    @BeforeAll
    void open() {
        db = new TestDatabase(dataDir);
        store = new ArchiveStore(db.client());
        archive = new MessageArchive(store, clock);
    }

    @AfterAll
    void close() throws Exception {
        db.close();
    }

    @Test
    void pagesForwardWithCountAndIndexUntilComplete() throws Exception {
        Jid owner = newArchive();
        List<String> ids = fill(owner, 25);
        ArchivePage first = page(owner, "<set xmlns='http://jabber.org/protocol/rsm'><max>10</max></set>");
        assertThat(ids(first)).isEqualTo(ids.subList(0, 10));
        assertThat(first.complete()).isFalse();
        assertThat(first.count()).isEqualTo(25);
        assertThat(first.firstIndex()).isZero();
        ArchivePage second = page(owner, "<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><after>" + ids.get(9)
                + "</after></set>");
        assertThat(ids(second)).isEqualTo(ids.subList(10, 20));
        assertThat(second.firstIndex()).isEqualTo(10);
        ArchivePage last = page(owner, "<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><after>" + ids.get(19)
                + "</after></set>");
        assertThat(ids(last)).isEqualTo(ids.subList(20, 25));
        assertThat(last.complete()).isTrue();
        ArchivePage jumped = page(owner, "<set xmlns='http://jabber.org/protocol/rsm'><max>3</max><index>7</index></set>");
        assertThat(ids(jumped)).isEqualTo(ids.subList(7, 10));
        assertThat(jumped.firstIndex()).isEqualTo(7);
    }

    @Test
    void pagesBackwardFromTheEnd() throws Exception {
        Jid owner = newArchive();
        List<String> ids = fill(owner, 25);
        ArchivePage last = page(owner, "<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><before/></set>");
        assertThat(ids(last)).isEqualTo(ids.subList(15, 25));
        assertThat(last.complete()).isFalse();
        assertThat(last.firstIndex()).isEqualTo(15);
        ArchivePage earlier = page(owner, "<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><before>" + ids.get(5)
                + "</before></set>");
        assertThat(ids(earlier)).isEqualTo(ids.subList(0, 5));
        assertThat(earlier.complete()).isTrue();
        ArchivePage countOnly = page(owner, "<set xmlns='http://jabber.org/protocol/rsm'><max>0</max></set>");
        assertThat(countOnly.rows()).isEmpty();
        assertThat(countOnly.count()).isEqualTo(25);
    }

    @Test
    void filtersByPeerTimeAndIdsAndRefusesUnknownIds() throws Exception {
        Jid owner = newArchive();
        String toRomeo = archive.archive(owner, Direction.OUTGOING, message(owner + "/a", "romeo@x/orchard", "1")).block();
        clock.advance(Duration.ofMinutes(1));
        Instant between = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        String fromNurse = archive.archive(owner, Direction.INCOMING, message("nurse@x/kitchen", owner.toString(), "2")).block();
        String toRomeoLater = archive.archive(owner, Direction.OUTGOING, message(owner + "/a", "romeo@x", "3")).block();

        assertThat(ids(page(owner, form("with", "romeo@x")))).containsExactly(toRomeo, toRomeoLater);
        assertThat(ids(page(owner, form("with", "romeo@x/orchard")))).containsExactly(toRomeo);
        assertThat(ids(page(owner, form("with", "nurse@x")))).containsExactly(fromNurse);
        assertThat(ids(page(owner, form("start", between.toString())))).containsExactly(fromNurse, toRomeoLater);
        assertThat(ids(page(owner, form("end", between.toString())))).containsExactly(toRomeo);
        assertThat(ids(page(owner, form("after-id", toRomeo)))).containsExactly(fromNurse, toRomeoLater);
        assertThat(ids(page(owner, form("before-id", toRomeoLater)))).containsExactly(toRomeo, fromNurse);
        assertThat(ids(page(owner, form("ids", toRomeoLater)))).containsExactly(toRomeoLater);
        assertThatThrownBy(() -> page(owner, form("after-id", "unknown"))).hasCauseInstanceOf(MessageArchive.UnknownId.class);
        Jid other = newArchive();
        // an id of another archive is unknown in this one
        assertThatThrownBy(() -> page(other, form("after-id", toRomeo))).hasCauseInstanceOf(MessageArchive.UnknownId.class);
    }

    @Test
    void retentionDeletesWhatIsOlderAndTrimsLargeArchives() {
        Jid old = newArchive();
        fill(old, 3);
        clock.advance(Duration.ofDays(400));
        Jid big = newArchive();
        List<String> ids = fill(big, 12);
        ArchiveRetention retention = new ArchiveRetention(store, properties(Duration.ofDays(365), 10), clock,
                new SimpleMeterRegistry());
        try {
            assertThat(retention.purge().block()).isGreaterThanOrEqualTo(5L);
            assertThat(store.count(filter(old)).block()).isZero();
            assertThat(ids(archive.query(big, parse("<set xmlns='http://jabber.org/protocol/rsm'><max>50</max></set>"))
                    .block())).isEqualTo(ids.subList(2, 12));
        } finally {
            retention.destroy();
        }
        ArchiveRetention forever = new ArchiveRetention(store, properties(Duration.ZERO, 0), clock, new SimpleMeterRegistry());
        try {
            clock.advance(Duration.ofDays(4000));
            assertThat(forever.purge().block()).isZero();
            assertThat(store.count(filter(big)).block()).isEqualTo(10);
        } finally {
            forever.destroy();
        }
    }

    @Test
    void preferencesPersistAndGoWithTheArchive() {
        Jid owner = newArchive();
        ArchivePreferences prefs = new ArchivePreferences(store, properties(Duration.ZERO, 0));
        assertThat(prefs.of(owner).block()).isEqualTo(ArchivePrefs.defaults(ArchivePrefs.Mode.ALWAYS));
        ArchivePrefs set = new ArchivePrefs(ArchivePrefs.Mode.ROSTER,
                java.util.Map.of("a@x", ArchivePrefs.Rule.NEVER, "b@x/r", ArchivePrefs.Rule.ALWAYS));
        prefs.set(owner, set).block();
        assertThat(new ArchivePreferences(store, properties(Duration.ZERO, 0)).of(owner).block()).isEqualTo(set);
        fill(owner, 2);
        store.deleteArchive(owner.toString()).block();
        assertThat(store.count(filter(owner)).block()).isZero();
        assertThat(store.prefs(owner.toString()).blockOptional()).isEmpty();
    }

    private static MamProperties properties(Duration retention, int maxPerArchive) {
        return new MamProperties(true, 50, 100, retention, Duration.ofHours(1), maxPerArchive, 200, "always",
                Duration.ofSeconds(5));
    }

    private static ArchiveStore.Filter filter(Jid owner) {
        return new ArchiveStore.Filter(owner.toString(), null, null, null, null, null, null, null);
    }

    private Jid newArchive() {
        return Jid.parse("u" + UUID.randomUUID().toString().substring(0, 8) + "@localhost");
    }

    private List<String> fill(Jid owner, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(archive.archive(owner, Direction.OUTGOING, message(owner + "/a", "peer@x", "m" + i)).block());
        }
        return ids;
    }

    private ArchivePage page(Jid owner, String content) throws Exception {
        try {
            return archive.query(owner, parse(content)).block();
        } catch (RuntimeException e) {
            throw new Exception(e);
        }
    }

    private static ArchiveQuery parse(String content) {
        try {
            return ArchiveQuery.parse(XmlFragments.parse("<query xmlns='urn:xmpp:mam:2'>" + content + "</query>"), 50, 100);
        } catch (ArchiveQuery.InvalidQuery e) {
            throw new AssertionError(e);
        }
    }

    private static String form(String var, String value) {
        return "<x xmlns='jabber:x:data' type='submit'><field var='" + var + "'><value>" + value + "</value></field></x>";
    }

    private static im.tandem.xml.Element message(String from, String to, String body) {
        return XmlFragments.parse("<message xmlns='jabber:client' type='chat' from='" + from + "' to='" + to + "'><body>"
                + body + "</body></message>");
    }

    private static List<String> ids(ArchivePage page) {
        return page.rows().stream().map(ArchiveStore.Row::stanzaId).toList();
    }

}
