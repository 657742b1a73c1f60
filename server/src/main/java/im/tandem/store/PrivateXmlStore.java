package im.tandem.store;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Private XML storage (XEP-0049): one serialized element per user and namespace. */
@Repository
public class PrivateXmlStore {

    private final DatabaseClient db;

    public PrivateXmlStore(DatabaseClient db) {
        this.db = db;
    }

    /** The element stored under the namespace, or empty. */
    public Mono<String> get(String username, String namespace) {
        return db.sql("SELECT element FROM private_storage WHERE username = :username AND namespace = :namespace")
                .bind("username", username)
                .bind("namespace", namespace)
                .map(row -> row.get("element", String.class))
                .one();
    }

    /** Stores or replaces the element under the namespace. */
    public Mono<Void> put(String username, String namespace, String element) {
        return Sql.updateOrInsert(
                db.sql("UPDATE private_storage SET element = :element "
                                + "WHERE username = :username AND namespace = :namespace")
                        .bind("element", element).bind("username", username).bind("namespace", namespace),
                db.sql("INSERT INTO private_storage (username, namespace, element) "
                                + "VALUES (:username, :namespace, :element)")
                        .bind("element", element).bind("username", username).bind("namespace", namespace));
    }
}
