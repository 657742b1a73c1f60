package im.tandem.store;

import java.util.Collection;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Offline message storage (XEP-0160) with a per-user quota in messages and bytes.
 *
 * <p>Quota: {@link #store} runs in one transaction that first locks the recipient's
 * {@code users} row ({@code SELECT ... FOR UPDATE}), then sums the stored messages and inserts
 * only if the new one fits. Concurrent stores for the same user therefore queue on that row
 * lock and the quota holds exactly, on H2 and PostgreSQL alike; stores for different users do
 * not contend.
 */
@Repository
public class OfflineStore {

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    public OfflineStore(DatabaseClient db) {
        this.db = db;
        this.tx = Sql.transactions(db);
    }

    /**
     * Stores a message unless that would exceed the user's quota.
     *
     * @param sizeBytes           the stanza's size as the caller counts it (e.g. UTF-8 bytes)
     * @param maxMessagesPerUser  most messages a user may have stored
     * @param maxBytesPerUser     most bytes (sum of {@code sizeBytes}) a user may have stored
     * @return {@code true} if stored, {@code false} if the quota would be exceeded
     * @throws IllegalArgumentException (as error signal) if there is no such user
     */
    public Mono<Boolean> store(String username, String stanza, int sizeBytes,
                               int maxMessagesPerUser, long maxBytesPerUser) {
        Mono<Boolean> insert = db.sql("INSERT INTO offline_messages (username, stanza, size_bytes, stored_at) "
                        + "VALUES (:username, :stanza, :size, :storedAt)")
                .bind("username", username)
                .bind("stanza", stanza)
                .bind("size", sizeBytes)
                .bind("storedAt", Sql.now())
                .fetch().rowsUpdated()
                .thenReturn(true);
        Mono<Boolean> fitsQuota = db.sql("SELECT COUNT(*) AS messages, COALESCE(SUM(size_bytes), 0) AS bytes "
                        + "FROM offline_messages WHERE username = :username")
                .bind("username", username)
                .map(row -> Sql.number(row, "messages") + 1 <= maxMessagesPerUser
                        && Sql.number(row, "bytes") + sizeBytes <= maxBytesPerUser)
                .one();
        Mono<Boolean> lockUser = db.sql("SELECT username FROM users WHERE username = :username FOR UPDATE")
                .bind("username", username)
                .map(row -> true)
                .one()
                .switchIfEmpty(Mono.error(() -> new IllegalArgumentException("no such user: " + username)));
        return tx.transactional(lockUser
                .then(fitsQuota)
                .flatMap(fits -> fits ? insert : Mono.just(false)));
    }

    /** The user's stored messages, oldest first. */
    public Flux<OfflineMessage> fetch(String username) {
        return db.sql("SELECT id, stanza, stored_at FROM offline_messages WHERE username = :username ORDER BY id")
                .bind("username", username)
                .map(row -> new OfflineMessage(Sql.number(row, "id"), row.get("stanza", String.class),
                        Sql.instant(row, "stored_at")))
                .all();
    }

    /** Deletes the given messages of the user (typically after delivery); returns how many. */
    public Mono<Long> delete(String username, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("DELETE FROM offline_messages WHERE username = :username AND id IN (:ids)")
                .bind("username", username)
                .bind("ids", ids)
                .fetch().rowsUpdated();
    }

    /** Deletes all messages of the user; returns how many. */
    public Mono<Long> deleteAll(String username) {
        return db.sql("DELETE FROM offline_messages WHERE username = :username")
                .bind("username", username)
                .fetch().rowsUpdated();
    }

    public Mono<Long> count(String username) {
        return db.sql("SELECT COUNT(*) AS messages FROM offline_messages WHERE username = :username")
                .bind("username", username)
                .map(row -> Sql.number(row, "messages"))
                .one();
    }
}
