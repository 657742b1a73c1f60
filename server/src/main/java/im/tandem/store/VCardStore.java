package im.tandem.store;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** vCards (XEP-0054), one serialized {@code <vCard/>} element per user. */
@Repository
public class VCardStore {

    private final DatabaseClient db;

    public VCardStore(DatabaseClient db) {
        this.db = db;
    }

    /** The user's vCard, or empty if none was published. */
    public Mono<String> get(String username) {
        return db.sql("SELECT vcard FROM vcards WHERE username = :username")
                .bind("username", username)
                .map(row -> row.get("vcard", String.class))
                .one();
    }

    /** Publishes or replaces the user's vCard. */
    public Mono<Void> put(String username, String vcard) {
        return Sql.updateOrInsert(
                db.sql("UPDATE vcards SET vcard = :vcard, updated_at = :updatedAt WHERE username = :username")
                        .bind("vcard", vcard).bind("updatedAt", Sql.now()).bind("username", username),
                db.sql("INSERT INTO vcards (username, vcard, updated_at) VALUES (:username, :vcard, :updatedAt)")
                        .bind("vcard", vcard).bind("updatedAt", Sql.now()).bind("username", username));
    }

    /** @return {@code false} if the user had no vCard */
    public Mono<Boolean> delete(String username) {
        return db.sql("DELETE FROM vcards WHERE username = :username")
                .bind("username", username)
                .fetch().rowsUpdated()
                .map(n -> n > 0);
    }
}
