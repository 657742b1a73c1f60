package im.tandem.store;

import io.r2dbc.spi.Readable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Accounts: creation, lookup, paging, credentials and flags, deletion with all their data. */
@Repository
public class UserStore {

    private static final String COLUMNS =
            "username, scram_sha1, scram_sha256, admin, hybrid, disabled, created_at";

    private final DatabaseClient db;

    public UserStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Creates an account.
     *
     * @return {@code true} if created, {@code false} if the username is taken (decided by the
     *     primary key, so two concurrent creations cannot both succeed)
     */
    public Mono<Boolean> create(StoredUser user) {
        return db.sql("INSERT INTO users (" + COLUMNS + ") VALUES "
                        + "(:username, :sha1, :sha256, :admin, :hybrid, :disabled, :createdAt)")
                .bind("username", user.username())
                .bind("sha1", user.scramSha1())
                .bind("sha256", user.scramSha256())
                .bind("admin", user.admin())
                .bind("hybrid", user.hybrid())
                .bind("disabled", user.disabled())
                .bind("createdAt", Sql.timestamp(user.createdAt()))
                .fetch().rowsUpdated()
                .map(n -> n == 1)
                .onErrorResume(DuplicateKeyException.class, e -> Mono.just(false));
    }

    public Mono<StoredUser> find(String username) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE username = :username")
                .bind("username", username)
                .map(UserStore::user)
                .one();
    }

    /** A page of accounts in username order. */
    public Flux<StoredUser> list(long offset, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM users ORDER BY username LIMIT :limit OFFSET :offset")
                .bind("limit", limit)
                .bind("offset", offset)
                .map(UserStore::user)
                .all();
    }

    /** The usernames of hybrid (interop) accounts that are not disabled. */
    public Flux<String> hybridUsernames() {
        return db.sql("SELECT username FROM users WHERE hybrid = TRUE AND disabled = FALSE ORDER BY username")
                .map(row -> row.get("username", String.class))
                .all();
    }

    public Mono<Long> count() {
        return db.sql("SELECT COUNT(*) AS n FROM users")
                .map(row -> Sql.number(row, "n"))
                .one();
    }

    /** @return {@code false} if there is no such account */
    public Mono<Boolean> updateCredentials(String username, String scramSha1, String scramSha256) {
        return db.sql("UPDATE users SET scram_sha1 = :sha1, scram_sha256 = :sha256 WHERE username = :username")
                .bind("sha1", scramSha1)
                .bind("sha256", scramSha256)
                .bind("username", username)
                .fetch().rowsUpdated()
                .map(n -> n > 0);
    }

    /** @return {@code false} if there is no such account */
    public Mono<Boolean> updateFlags(String username, boolean admin, boolean hybrid, boolean disabled) {
        return db.sql("UPDATE users SET admin = :admin, hybrid = :hybrid, disabled = :disabled "
                        + "WHERE username = :username")
                .bind("admin", admin)
                .bind("hybrid", hybrid)
                .bind("disabled", disabled)
                .bind("username", username)
                .fetch().rowsUpdated()
                .map(n -> n > 0);
    }

    /**
     * Deletes an account and, through the foreign keys, its roster, offline messages, vCard,
     * private XML and block list. Audit log entries stay.
     *
     * @return {@code false} if there was no such account
     */
    public Mono<Boolean> delete(String username) {
        return db.sql("DELETE FROM users WHERE username = :username")
                .bind("username", username)
                .fetch().rowsUpdated()
                .map(n -> n > 0);
    }

    private static StoredUser user(Readable row) {
        return new StoredUser(
                row.get("username", String.class),
                row.get("scram_sha1", String.class),
                row.get("scram_sha256", String.class),
                Sql.bool(row, "admin"),
                Sql.bool(row, "hybrid"),
                Sql.bool(row, "disabled"),
                Sql.instant(row, "created_at"));
    }
}
