package im.tandem.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.store.RosterItemRow.Subscription;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The behaviour every database must show, run once per engine by the subclasses. One migrated
 * database per test class; each test works on its own fresh users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    DatabaseLocation location;
    ConnectionFactory connectionFactory;
    DatabaseClient db;
    UserStore users;
    RosterStore roster;
    OfflineStore offline;
    VCardStore vcards;
    PrivateXmlStore privateXml;
    BlockListStore blockList;
    AuditLog auditLog;
    ServiceParameterStore parameters;

    /** Why the database is unavailable; set instead of a location, every test is then skipped. */
    String unavailable;

    /** Prepares an empty database and names it, or sets {@link #unavailable} and returns {@code null}. */
    abstract DatabaseLocation createDatabase() throws Exception;

    /** Removes what {@link #createDatabase()} made. */
    abstract void dropDatabase() throws Exception;

    @BeforeAll
    void openStores() throws Exception {
        location = createDatabase();
        if (location == null) {
            return;
        }
        assertThat(new DatabaseMigrator().migrate(location)).isPositive();
        connectionFactory = DatabaseConnector.connect(location, 8);
        db = DatabaseClient.create(connectionFactory);
        users = new UserStore(db);
        roster = new RosterStore(db);
        offline = new OfflineStore(db);
        vcards = new VCardStore(db);
        privateXml = new PrivateXmlStore(db);
        blockList = new BlockListStore(db);
        auditLog = new AuditLog(db);
        parameters = new ServiceParameterStore(db);
    }

    @BeforeEach
    void requireDatabase() {
        Assumptions.assumeTrue(location != null, () -> "database unavailable: " + unavailable);
    }

    @AfterAll
    void closeStores() throws Exception {
        if (connectionFactory instanceof AutoCloseable closeable) {
            closeable.close();
        } else if (connectionFactory instanceof io.r2dbc.spi.Closeable pool) {
            Mono.from(pool.close()).block(TIMEOUT);
        }
        dropDatabase();
    }

    static <T> T await(Mono<T> mono) {
        return mono.block(TIMEOUT);
    }

    static <T> List<T> await(Flux<T> flux) {
        return flux.collectList().block(TIMEOUT);
    }

    static StoredUser user(String username) {
        return new StoredUser(username, "sha1:" + username, "sha256:" + username, false, false, false,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Creates a user with a name no other test uses. */
    String newUser() {
        String username = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        assertThat(await(users.create(user(username)))).isTrue();
        return username;
    }

    long rows(String table, String username) {
        return await(db.sql("SELECT COUNT(*) AS n FROM " + table + " WHERE username = :u")
                .bind("u", username).map(row -> Sql.number(row, "n")).one());
    }

    static RosterItemRow contact(String jid, Subscription subscription, String... groups) {
        return new RosterItemRow(jid, null, subscription, false, false, null, false, List.of(groups));
    }

    // --- migrations

    @Test
    void serviceParameterIsInsertedThenUpdatedAndReadBack() {
        String name = "test.param." + System.nanoTime();
        assertThat(parameters.get(name).blockOptional(TIMEOUT)).isEmpty();
        parameters.put(name, "false").block(TIMEOUT);
        assertThat(parameters.get(name).block(TIMEOUT)).isEqualTo("false");
        parameters.put(name, "true").block(TIMEOUT);
        assertThat(parameters.get(name).block(TIMEOUT)).isEqualTo("true");
    }

    @Test
    void migratingAgainAppliesNothing() {
        assertThat(new DatabaseMigrator().migrate(location)).isZero();
    }

    // --- group chat rooms (XEP-0045)

    @Test
    void persistentRoomIsSavedReplacedAndDeletedWithItsAffiliations() {
        MucRoomStore rooms = new MucRoomStore(db);
        String room = "r" + UUID.randomUUID() + "@conference.localhost";
        Instant created = Instant.parse("2024-05-06T07:08:09.123456Z");
        await(rooms.save(new MucRoomStore.Row(room, "<x xmlns='jabber:x:data' type='submit'/>", "topic", "alice", created,
                List.of(new MucRoomStore.Affiliation("alice@localhost", "owner", null),
                        new MucRoomStore.Affiliation("eve@localhost", "outcast", "spam")))));
        MucRoomStore.Row read = await(rooms.all()).stream().filter(r -> r.room().equals(room)).findFirst().orElseThrow();
        assertThat(read.subject()).isEqualTo("topic");
        assertThat(read.createdAt()).isEqualTo(created);
        assertThat(read.affiliations()).containsExactlyInAnyOrder(
                new MucRoomStore.Affiliation("alice@localhost", "owner", null),
                new MucRoomStore.Affiliation("eve@localhost", "outcast", "spam"));
        await(rooms.save(new MucRoomStore.Row(room, "<x xmlns='jabber:x:data' type='submit'/>", null, null, created,
                List.of(new MucRoomStore.Affiliation("bob@localhost", "owner", null)))));
        read = await(rooms.all()).stream().filter(r -> r.room().equals(room)).findFirst().orElseThrow();
        assertThat(read.subject()).isNull();
        assertThat(read.affiliations()).containsExactly(new MucRoomStore.Affiliation("bob@localhost", "owner", null));
        await(rooms.delete(room));
        assertThat(await(rooms.all())).noneMatch(r -> r.room().equals(room));
    }

    // --- users

    @Test
    void createdUserIsFoundWithAllFields() {
        StoredUser alice = new StoredUser("alice-" + UUID.randomUUID(), "s1", "s256", true, true, false,
                Instant.parse("2024-05-06T07:08:09.123456Z"));
        assertThat(await(users.create(alice))).isTrue();
        assertThat(await(users.find(alice.username()))).isEqualTo(alice);
        assertThat(await(users.find("nobody-" + UUID.randomUUID()))).isNull();
    }

    @Test
    void creatingAnExistingUserReturnsFalseAndKeepsTheFirst() {
        String name = newUser();
        StoredUser second = new StoredUser(name, "other", "other", true, false, false, Instant.now());
        assertThat(await(users.create(second))).isFalse();
        assertThat(await(users.find(name)).scramSha1()).isEqualTo("sha1:" + name);
    }

    @Test
    void concurrentCreationsOfOneNameLetExactlyOneSucceed() {
        String name = "race-" + UUID.randomUUID();
        List<Boolean> results = await(Flux.range(0, 8).flatMap(i -> users.create(user(name))));
        assertThat(results).containsOnlyOnce(true).hasSize(8);
    }

    @Test
    void listPagesInUsernameOrderAndCountCountsAll() {
        long before = await(users.count());
        String prefix = "list-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (String suffix : List.of("c", "a", "b")) {
            assertThat(await(users.create(user(prefix + suffix)))).isTrue();
        }
        assertThat(await(users.count())).isGreaterThanOrEqualTo(before + 3);
        List<String> all = await(users.list(0, 100_000).map(StoredUser::username));
        assertThat(all).isSorted();
        assertThat(all.stream().filter(n -> n.startsWith(prefix)))
                .containsExactly(prefix + "a", prefix + "b", prefix + "c");
        int index = all.indexOf(prefix + "b");
        assertThat(await(users.list(index, 2).map(StoredUser::username)))
                .containsExactly(prefix + "b", prefix + "c");
    }

    @Test
    void credentialsAndFlagsAreUpdated() {
        String name = newUser();
        assertThat(await(users.updateCredentials(name, "new1", "new256"))).isTrue();
        assertThat(await(users.updateFlags(name, true, true, true))).isTrue();
        StoredUser updated = await(users.find(name));
        assertThat(updated.scramSha1()).isEqualTo("new1");
        assertThat(updated.scramSha256()).isEqualTo("new256");
        assertThat(updated.admin()).isTrue();
        assertThat(updated.hybrid()).isTrue();
        assertThat(updated.disabled()).isTrue();
        assertThat(await(users.updateCredentials("nobody-" + name, "x", "y"))).isFalse();
        assertThat(await(users.updateFlags("nobody-" + name, false, false, false))).isFalse();
    }

    @Test
    void deletingAUserDeletesEverythingItOwnsButNotTheAuditLog() {
        String name = newUser();
        await(roster.upsert(name, contact("bob@example.com", Subscription.BOTH, "Friends")));
        await(offline.store(name, "<message/>", 10, 100, 10_000));
        await(vcards.put(name, "<vCard xmlns='vcard-temp'/>"));
        await(privateXml.put(name, "storage:bookmarks", "<storage xmlns='storage:bookmarks'/>"));
        await(blockList.add(name, List.of("spam@example.com")));
        await(auditLog.record("admin", "user.delete", name, null, "test"));
        List<String> owned = List.of("roster_items", "roster_versions", "offline_messages", "vcards",
                "private_storage", "blocklist");
        owned.forEach(table -> assertThat(rows(table, name)).as(table).isEqualTo(1));

        assertThat(await(users.delete(name))).isTrue();

        assertThat(await(users.find(name))).isNull();
        owned.forEach(table -> assertThat(rows(table, name)).as(table).isZero());
        assertThat(await(auditLog.recent(1000)).stream().map(AuditEntry::target)).contains(name);
        assertThat(await(users.delete(name))).isFalse();
    }

    // --- roster

    @Test
    void rosterVersionIsZeroBeforeTheFirstChange() {
        assertThat(await(roster.version(newUser()))).isZero();
        assertThat(await(roster.version("nobody-" + UUID.randomUUID()))).isZero();
    }

    @Test
    void rosterItemsRoundTripWithEveryField() {
        String name = newUser();
        RosterItemRow full = new RosterItemRow("bob@example.com", "Bob", Subscription.FROM, true, true,
                "<presence type='subscribe'/>", true, List.of("Work", "Friends & Family"));
        RosterItemRow bare = contact("carol@example.com", Subscription.NONE);
        assertThat(await(roster.upsert(name, full))).isEqualTo(1);
        assertThat(await(roster.upsert(name, bare))).isEqualTo(2);
        assertThat(await(roster.item(name, "bob@example.com"))).isEqualTo(full);
        assertThat(await(roster.item(name, "carol@example.com"))).isEqualTo(bare);
        assertThat(await(roster.item(name, "dave@example.com"))).isNull();
        assertThat(await(roster.items(name))).containsExactly(full, bare);
    }

    @Test
    void rosterUpsertReplacesTheItemAndBumpsTheVersion() {
        String name = newUser();
        await(roster.upsert(name, contact("bob@example.com", Subscription.NONE, "A")));
        RosterItemRow changed = contact("bob@example.com", Subscription.BOTH, "B", "C");
        assertThat(await(roster.upsert(name, changed))).isEqualTo(2);
        assertThat(await(roster.items(name))).containsExactly(changed);
        assertThat(await(roster.version(name))).isEqualTo(2);
    }

    @Test
    void rosterDeleteBumpsTheVersionOnlyWhenAnItemGoes() {
        String name = newUser();
        await(roster.upsert(name, contact("bob@example.com", Subscription.TO)));
        assertThat(await(roster.delete(name, "nobody@example.com"))).isNull();
        assertThat(await(roster.version(name))).isEqualTo(1);
        assertThat(await(roster.delete(name, "bob@example.com"))).isEqualTo(2);
        assertThat(await(roster.items(name))).isEmpty();
        assertThat(await(roster.delete(newUser(), "bob@example.com"))).isNull();
    }

    @Test
    void concurrentRosterChangesGetDistinctConsecutiveVersions() {
        String name = newUser();
        List<Long> versions = await(Flux.range(0, 12)
                .flatMap(i -> roster.upsert(name, contact("c" + i + "@example.com", Subscription.NONE))));
        assertThat(versions).containsExactlyInAnyOrderElementsOf(
                Flux.range(1, 12).map(Integer::longValue).collectList().block());
        assertThat(await(roster.version(name))).isEqualTo(12);
        assertThat(await(roster.items(name))).hasSize(12);
    }

    @Test
    void rosterChangesOfAnUnknownUserFail() {
        String nobody = "nobody-" + UUID.randomUUID();
        assertThatThrownBy(() -> await(roster.upsert(nobody, contact("bob@example.com", Subscription.NONE))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(nobody);
    }

    // --- offline messages

    @Test
    void offlineMessagesComeBackInOrderAndCanBeDeleted() {
        String name = newUser();
        for (int i = 0; i < 4; i++) {
            assertThat(await(offline.store(name, "<message id='" + i + "'/>", 20, 100, 10_000))).isTrue();
        }
        List<OfflineMessage> messages = await(offline.fetch(name));
        assertThat(messages).extracting(OfflineMessage::stanza)
                .containsExactly("<message id='0'/>", "<message id='1'/>", "<message id='2'/>", "<message id='3'/>");
        assertThat(messages).extracting(OfflineMessage::id).isSorted();
        assertThat(messages.get(0).storedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(await(offline.count(name))).isEqualTo(4);

        assertThat(await(offline.delete(name, List.of(messages.get(0).id(), messages.get(2).id())))).isEqualTo(2);
        assertThat(await(offline.delete(name, List.of()))).isZero();
        assertThat(await(offline.delete(newUser(), List.of(messages.get(1).id())))).as("other user's ids").isZero();
        assertThat(await(offline.fetch(name))).extracting(OfflineMessage::stanza)
                .containsExactly("<message id='1'/>", "<message id='3'/>");
        assertThat(await(offline.deleteAll(name))).isEqualTo(2);
        assertThat(await(offline.count(name))).isZero();
    }

    @Test
    void offlineQuotaLimitsMessagesAndBytes() {
        String byCount = newUser();
        assertThat(await(offline.store(byCount, "<message/>", 1, 2, 1_000))).isTrue();
        assertThat(await(offline.store(byCount, "<message/>", 1, 2, 1_000))).isTrue();
        assertThat(await(offline.store(byCount, "<message/>", 1, 2, 1_000))).isFalse();
        assertThat(await(offline.count(byCount))).isEqualTo(2);

        String byBytes = newUser();
        assertThat(await(offline.store(byBytes, "<message/>", 600, 100, 1_000))).isTrue();
        assertThat(await(offline.store(byBytes, "<message/>", 401, 100, 1_000))).isFalse();
        assertThat(await(offline.store(byBytes, "<message/>", 400, 100, 1_000))).isTrue();
        assertThat(await(offline.store(byBytes, "<message/>", 1, 100, 1_000))).isFalse();
    }

    @Test
    void concurrentOfflineStoresRespectTheQuota() {
        String name = newUser();
        List<Boolean> results = await(Flux.range(0, 24)
                .flatMap(i -> offline.store(name, "<message id='" + i + "'/>", 10, 5, 1_000_000), 24));
        assertThat(results.stream().filter(Boolean::booleanValue)).hasSize(5);
        assertThat(await(offline.count(name))).isEqualTo(5);
    }

    @Test
    void largeStanzasRoundTripAsText() {
        String name = newUser();
        String big = "<message><body>" + "x".repeat(200_000) + "</body></message>";
        assertThat(await(offline.store(name, big, big.length(), 10, 1_000_000))).isTrue();
        assertThat(await(offline.fetch(name)).get(0).stanza()).isEqualTo(big);
    }

    @Test
    void offlineStoreForAnUnknownUserFails() {
        assertThatThrownBy(() -> await(offline.store("nobody-" + UUID.randomUUID(), "<message/>", 1, 10, 100)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- vCards, private XML

    @Test
    void vcardsArePutReplacedAndDeleted() {
        String name = newUser();
        assertThat(await(vcards.get(name))).isNull();
        await(vcards.put(name, "<vCard><FN>One</FN></vCard>"));
        await(vcards.put(name, "<vCard><FN>Two</FN></vCard>"));
        assertThat(await(vcards.get(name))).isEqualTo("<vCard><FN>Two</FN></vCard>");
        assertThat(await(vcards.delete(name))).isTrue();
        assertThat(await(vcards.delete(name))).isFalse();
        assertThat(await(vcards.get(name))).isNull();
    }

    @Test
    void concurrentFirstVCardPutsDoNotFail() {
        String name = newUser();
        await(Flux.range(0, 6).flatMap(i -> vcards.put(name, "<vCard>" + i + "</vCard>")).then());
        assertThat(await(vcards.get(name))).startsWith("<vCard>");
    }

    @Test
    void privateXmlIsKeptPerNamespace() {
        String name = newUser();
        assertThat(await(privateXml.get(name, "a:ns"))).isNull();
        await(privateXml.put(name, "a:ns", "<a xmlns='a:ns'>1</a>"));
        await(privateXml.put(name, "b:ns", "<b xmlns='b:ns'/>"));
        await(privateXml.put(name, "a:ns", "<a xmlns='a:ns'>2</a>"));
        assertThat(await(privateXml.get(name, "a:ns"))).isEqualTo("<a xmlns='a:ns'>2</a>");
        assertThat(await(privateXml.get(name, "b:ns"))).isEqualTo("<b xmlns='b:ns'/>");
    }

    // --- block list

    @Test
    void blockListAddsRemovesAndIgnoresDuplicates() {
        String name = newUser();
        assertThat(await(blockList.add(name, List.of("b@x.org", "a@x.org", "b@x.org")))).isEqualTo(2);
        assertThat(await(blockList.add(name, List.of("a@x.org", "c@x.org")))).isEqualTo(1);
        assertThat(await(blockList.list(name))).containsExactly("a@x.org", "b@x.org", "c@x.org");
        assertThat(await(blockList.contains(name, "b@x.org"))).isTrue();
        assertThat(await(blockList.contains(name, "z@x.org"))).isFalse();
        assertThat(await(blockList.remove(name, List.of("b@x.org", "z@x.org")))).isEqualTo(1);
        assertThat(await(blockList.remove(name, List.of()))).isZero();
        assertThat(await(blockList.list(name))).containsExactly("a@x.org", "c@x.org");
        assertThat(await(blockList.removeAll(name))).isEqualTo(2);
        assertThat(await(blockList.list(name))).isEmpty();
    }

    // --- audit log

    @Test
    void auditLogReturnsNewestFirstAndClipsOverlongText() {
        String marker = UUID.randomUUID().toString();
        await(auditLog.record("admin", "user.create", marker + "-1", "first", "127.0.0.1"));
        await(auditLog.record("admin", "user.delete", marker + "-2", "d".repeat(20_000), null));
        List<AuditEntry> recent = await(auditLog.recent(2));
        assertThat(recent).extracting(AuditEntry::target).containsExactly(marker + "-2", marker + "-1");
        AuditEntry newest = recent.get(0);
        assertThat(newest.detail()).hasSize(8192);
        assertThat(newest.source()).isNull();
        assertThat(newest.id()).isGreaterThan(recent.get(1).id());
        assertThat(newest.at()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        Set<String> actions = recent.stream().map(AuditEntry::action).collect(Collectors.toSet());
        assertThat(actions).containsExactlyInAnyOrder("user.create", "user.delete");
    }

    // --- publish-subscribe

    @Test
    void pubsubItemsKeepPublicationOrderReplaceByIdAndTrimToTheMaximum() {
        String user = newUser();
        PubsubStore pubsub = new PubsubStore(db);
        String service = user + "@example.org";
        assertThat(await(pubsub.createNode(service, "n", user, service, "<x/>"))).isTrue();
        assertThat(await(pubsub.createNode(service, "n", user, service, "<x/>"))).isFalse();
        for (String id : List.of("a", "b", "c", "a")) {
            await(pubsub.publish(service, "n", id, service, "<v id='" + id + "'/>", 3));
        }
        assertThat(await(pubsub.items(service, "n", 10)).stream().map(PubsubStore.ItemRow::itemId))
                .containsExactly("a", "c", "b");
        await(pubsub.publish(service, "n", "d", service, "<v/>", 2));
        assertThat(await(pubsub.items(service, "n", 10)).stream().map(PubsubStore.ItemRow::itemId))
                .containsExactly("d", "a");
        assertThat(await(pubsub.items(service, "n", 1)).stream().map(PubsubStore.ItemRow::itemId)).containsExactly("d");
        assertThat(await(pubsub.retract(service, "n", "a"))).isTrue();
        assertThat(await(pubsub.retract(service, "n", "a"))).isFalse();
        await(pubsub.setAffiliation(service, "n", "friend@example.org", "member"));
        await(pubsub.setAffiliation(service, "n", "friend@example.org", "outcast"));
        assertThat(await(pubsub.affiliation(service, "n", "friend@example.org"))).isEqualTo("outcast");
        assertThat(await(pubsub.subscribe(service, "n", "friend@example.org"))).isTrue();
        assertThat(await(pubsub.subscribe(service, "n", "friend@example.org"))).isFalse();
        assertThat(await(pubsub.countNodes(service, service))).isEqualTo(1);
    }

    @Test
    void pepNodesGoAwayWithTheirAccount() {
        String user = newUser();
        PubsubStore pubsub = new PubsubStore(db);
        String service = user + "@example.org";
        await(pubsub.createNode(service, "n", user, service, "<x/>"));
        await(pubsub.publish(service, "n", "a", service, "<v/>", 5));
        await(users.delete(user));
        assertThat(await(pubsub.nodes(service))).isEmpty();
        assertThat(await(db.sql("SELECT COUNT(*) AS n FROM pubsub_items WHERE service = :s").bind("s", service)
                .map(row -> Sql.number(row, "n")).one())).isZero();
    }
}
