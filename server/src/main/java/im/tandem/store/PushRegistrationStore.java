package im.tandem.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** XEP-0357 push registrations (service JID and node per user device). */
@Repository
public class PushRegistrationStore {

    /**
     * One registration as stored.
     *
     * @param publishOptions the client's publish-options data form as XML, or null
     */
    public record Row(String username, String serviceJid, String node, String resource, String publishOptions,
                      Instant createdAt) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    public PushRegistrationStore(DatabaseClient db) {
        this.db = db;
        this.tx = Sql.transactions(db);
    }

    public Flux<Row> all() {
        return db.sql("SELECT username, service_jid, node, resource, publish_options, created_at FROM push_registrations")
                .map(row -> new Row(row.get("username", String.class), row.get("service_jid", String.class),
                        row.get("node", String.class), row.get("resource", String.class),
                        row.get("publish_options", String.class),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    /** The registrations of one user (none once the account is gone: they cascade). */
    public Flux<Row> forUser(String username) {
        return db.sql("SELECT username, service_jid, node, resource, publish_options, created_at FROM push_registrations "
                        + "WHERE username = :username")
                .bind("username", username)
                .map(row -> new Row(row.get("username", String.class), row.get("service_jid", String.class),
                        row.get("node", String.class), row.get("resource", String.class),
                        row.get("publish_options", String.class),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    /**
     * Stores a registration, replacing one for the same user, service and node, and removing
     * {@code replaced} (the device's older registrations), all in one transaction.
     */
    public Mono<Void> put(Row r, java.util.List<Row> replaced) {
        Mono<Long> delete = Flux.fromIterable(replaced)
                .concatMap(old -> delete(old.username(), old.serviceJid(), old.node()))
                .then(delete(r.username(), r.serviceJid(), r.node()));
        DatabaseClient.GenericExecuteSpec insert = db.sql("INSERT INTO push_registrations "
                        + "(username, service_jid, node, resource, publish_options, created_at) "
                        + "VALUES (:username, :service, :node, :resource, :options, :at)")
                .bind("username", r.username()).bind("service", r.serviceJid()).bind("node", r.node())
                .bind("resource", r.resource()).bind("at", OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC));
        insert = r.publishOptions() == null ? insert.bindNull("options", String.class)
                : insert.bind("options", r.publishOptions());
        return delete.then(insert.fetch().rowsUpdated()).as(tx::transactional).then();
    }

    /** Removes one registration; the number of rows removed. */
    public Mono<Long> delete(String username, String serviceJid, String node) {
        return db.sql("DELETE FROM push_registrations WHERE username = :username AND service_jid = :service AND node = :node")
                .bind("username", username).bind("service", serviceJid).bind("node", node)
                .fetch().rowsUpdated();
    }
}
