package im.tandem.store;

import java.util.Collection;
import java.util.LinkedHashSet;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Block lists (XEP-0191): the JIDs each user blocks. */
@Repository
public class BlockListStore {

    private final DatabaseClient db;

    public BlockListStore(DatabaseClient db) {
        this.db = db;
    }

    /** The user's blocked JIDs in order. */
    public Flux<String> list(String username) {
        return db.sql("SELECT blocked_jid FROM blocklist WHERE username = :username ORDER BY blocked_jid")
                .bind("username", username)
                .map(row -> row.get("blocked_jid", String.class))
                .all();
    }

    public Mono<Boolean> contains(String username, String jid) {
        return db.sql("SELECT 1 AS found FROM blocklist WHERE username = :username AND blocked_jid = :jid")
                .bind("username", username)
                .bind("jid", jid)
                .map(row -> true)
                .first()
                .defaultIfEmpty(false);
    }

    /**
     * Blocks JIDs; those already blocked are skipped. Each JID is its own statement, so the
     * call is not atomic, but a repeated call converges.
     *
     * @return how many JIDs were newly blocked
     */
    public Mono<Long> add(String username, Collection<String> jids) {
        return Flux.fromIterable(new LinkedHashSet<>(jids))
                .concatMap(jid -> db.sql("INSERT INTO blocklist (username, blocked_jid) "
                                + "SELECT username, :jid FROM users WHERE username = :username "
                                + "AND NOT EXISTS (SELECT 1 FROM blocklist WHERE username = :username "
                                + "AND blocked_jid = :jid)")
                        .bind("username", username)
                        .bind("jid", jid)
                        .fetch().rowsUpdated()
                        .onErrorResume(DuplicateKeyException.class, e -> Mono.just(0L)))
                .reduce(0L, Long::sum);
    }

    /** Unblocks JIDs; returns how many were blocked. */
    public Mono<Long> remove(String username, Collection<String> jids) {
        if (jids.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("DELETE FROM blocklist WHERE username = :username AND blocked_jid IN (:jids)")
                .bind("username", username)
                .bind("jids", jids)
                .fetch().rowsUpdated();
    }

    /** Unblocks everything; returns how many JIDs were blocked. */
    public Mono<Long> removeAll(String username) {
        return db.sql("DELETE FROM blocklist WHERE username = :username")
                .bind("username", username)
                .fetch().rowsUpdated();
    }
}
