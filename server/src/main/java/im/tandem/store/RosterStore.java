package im.tandem.store;

import io.r2dbc.spi.Readable;
import java.util.Arrays;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Roster items and the roster version (XEP-0237) of each user.
 *
 * <p>Every change runs in one transaction that first increments the user's row in
 * {@code roster_versions} ({@code UPDATE ... SET version = version + 1}). That row lock orders
 * all roster writes of a user, so versions are never lost or reused, and the item change and
 * its version commit together. The version row is created on the user's first roster change.
 */
@Repository
public class RosterStore {

    private static final String COLUMNS = "contact_jid, name, subscription, ask_out, pending_in, "
            + "pending_in_stanza, approved, roster_groups";

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    public RosterStore(DatabaseClient db) {
        this.db = db;
        this.tx = Sql.transactions(db);
    }

    /** The user's roster in contact order. */
    public Flux<RosterItemRow> items(String username) {
        return db.sql("SELECT " + COLUMNS + " FROM roster_items WHERE username = :username ORDER BY contact_jid")
                .bind("username", username)
                .map(RosterStore::item)
                .all();
    }

    public Mono<RosterItemRow> item(String username, String contactJid) {
        return db.sql("SELECT " + COLUMNS + " FROM roster_items WHERE username = :username AND contact_jid = :contact")
                .bind("username", username)
                .bind("contact", contactJid)
                .map(RosterStore::item)
                .one();
    }

    /**
     * Adds or replaces an item.
     *
     * @return the new roster version
     * @throws IllegalArgumentException (as error signal) if there is no such user
     */
    public Mono<Long> upsert(String username, RosterItemRow item) {
        GenericExecuteSpec update = bindItem(db.sql("UPDATE roster_items SET name = :name, "
                + "subscription = :subscription, ask_out = :askOut, pending_in = :pendingIn, "
                + "pending_in_stanza = :pendingInStanza, approved = :approved, roster_groups = :groups "
                + "WHERE username = :username AND contact_jid = :contact"), username, item);
        GenericExecuteSpec insert = bindItem(db.sql("INSERT INTO roster_items (username, " + COLUMNS + ") VALUES "
                + "(:username, :contact, :name, :subscription, :askOut, :pendingIn, :pendingInStanza, "
                + ":approved, :groups)"), username, item);
        // The version row lock is held, so no concurrent writer can insert this item meanwhile.
        Mono<Boolean> write = update.fetch().rowsUpdated()
                .flatMap(n -> n > 0 ? Mono.just(n) : insert.fetch().rowsUpdated())
                .thenReturn(true);
        return versioned(username, write);
    }

    /** @return the new roster version, or empty if there was no such item */
    public Mono<Long> delete(String username, String contactJid) {
        Mono<Boolean> write = db.sql("DELETE FROM roster_items WHERE username = :username AND contact_jid = :contact")
                .bind("username", username)
                .bind("contact", contactJid)
                .fetch().rowsUpdated()
                .map(n -> n > 0);
        return versioned(username, write);
    }

    /** The current roster version, 0 before the first change. */
    public Mono<Long> version(String username) {
        return currentVersion(username).defaultIfEmpty(0L);
    }

    /** Runs a change after bumping the version, in one transaction; a change that did nothing rolls back. */
    private Mono<Long> versioned(String username, Mono<Boolean> change) {
        Mono<Long> attempt = tx.transactional(db.sql(
                        "UPDATE roster_versions SET version = version + 1 WHERE username = :username")
                .bind("username", username)
                .fetch().rowsUpdated()
                .flatMap(bumped -> bumped == 0 ? Mono.<Boolean>error(new Abort(Abort.Reason.NO_VERSION_ROW)) : change)
                .flatMap(changed -> changed ? currentVersion(username) : Mono.error(new Abort(Abort.Reason.NO_CHANGE))));
        return attempt
                .onErrorResume(e -> e instanceof Abort a && a.reason == Abort.Reason.NO_VERSION_ROW,
                        e -> createVersionRow(username).then(attempt))
                .onErrorResume(e -> e instanceof Abort a && a.reason == Abort.Reason.NO_CHANGE, e -> Mono.empty())
                .onErrorMap(e -> e instanceof Abort, e -> new IllegalArgumentException("no such user: " + username));
    }

    /** Outside any transaction, so that losing a race (duplicate key) aborts nothing. */
    private Mono<Long> createVersionRow(String username) {
        return db.sql("INSERT INTO roster_versions (username, version) SELECT username, 0 FROM users "
                        + "WHERE username = :username "
                        + "AND NOT EXISTS (SELECT 1 FROM roster_versions WHERE username = :username)")
                .bind("username", username)
                .fetch().rowsUpdated()
                .onErrorResume(DuplicateKeyException.class, e -> Mono.just(0L));
    }

    private Mono<Long> currentVersion(String username) {
        return db.sql("SELECT version FROM roster_versions WHERE username = :username")
                .bind("username", username)
                .map(row -> Sql.number(row, "version"))
                .one();
    }

    private static GenericExecuteSpec bindItem(GenericExecuteSpec spec, String username, RosterItemRow item) {
        spec = spec.bind("username", username)
                .bind("contact", item.contactJid())
                .bind("subscription", item.subscription().code())
                .bind("askOut", item.askOut())
                .bind("pendingIn", item.pendingIn())
                .bind("approved", item.approved())
                .bind("groups", String.join("\n", item.groups()));
        spec = Sql.bindNullable(spec, "name", item.name(), String.class);
        return Sql.bindNullable(spec, "pendingInStanza", item.pendingInStanza(), String.class);
    }

    private static RosterItemRow item(Readable row) {
        String groups = row.get("roster_groups", String.class);
        return new RosterItemRow(
                row.get("contact_jid", String.class),
                row.get("name", String.class),
                RosterItemRow.Subscription.ofCode(row.get("subscription", String.class)),
                Sql.bool(row, "ask_out"),
                Sql.bool(row, "pending_in"),
                row.get("pending_in_stanza", String.class),
                Sql.bool(row, "approved"),
                groups == null || groups.isEmpty() ? List.of() : Arrays.asList(groups.split("\n")));
    }

    /** Ends a versioned transaction early, rolling it back; never escapes this class. */
    private static final class Abort extends RuntimeException {
        enum Reason { NO_VERSION_ROW, NO_CHANGE }

        final Reason reason;

        Abort(Reason reason) {
            super(null, null, false, false);
            this.reason = reason;
        }
    }
}
