package im.tandem.store;

import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Metadata of HTTP File Upload slots and files (XEP-0363): owner, size and type for quotas
 * and the response headers, state for single use, expiry for the sweep.
 */
@Repository
public class UploadStore {

    /** Slot states, in the order a slot passes through them. */
    public enum State { PENDING, UPLOADING, STORED }

    /** One slot or file as stored. */
    public record Row(String id, String owner, String filename, String urlName, long size, String contentType,
                      State state, Instant createdAt, Instant expiresAt) {
    }

    private static final String COLUMNS = "id, owner, filename, url_name, size_bytes, content_type, state, created_at, expires_at";

    private final DatabaseClient db;

    public UploadStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(Row r) {
        return db.sql("INSERT INTO uploads (" + COLUMNS + ") VALUES "
                        + "(:id, :owner, :filename, :urlName, :size, :type, :state, :created, :expires)")
                .bind("id", r.id()).bind("owner", r.owner()).bind("filename", r.filename())
                .bind("urlName", r.urlName()).bind("size", r.size()).bind("type", r.contentType())
                .bind("state", r.state().name()).bind("created", Sql.timestamp(r.createdAt()))
                .bind("expires", Sql.timestamp(r.expiresAt()))
                .fetch().rowsUpdated().then();
    }

    public Mono<Row> find(String id) {
        return db.sql("SELECT " + COLUMNS + " FROM uploads WHERE id = :id").bind("id", id)
                .map(row -> new Row(row.get("id", String.class), row.get("owner", String.class),
                        row.get("filename", String.class), row.get("url_name", String.class),
                        Sql.number(row, "size_bytes"), row.get("content_type", String.class),
                        State.valueOf(row.get("state", String.class)), Sql.instant(row, "created_at"),
                        Sql.instant(row, "expires_at")))
                .one();
    }

    /**
     * Moves a slot from {@code from} to {@code to} with a new expiry, only if it is in
     * {@code from} now: whether it moved. This is what makes a slot single use.
     */
    public Mono<Boolean> transition(String id, State from, State to, Instant expiresAt) {
        return db.sql("UPDATE uploads SET state = :to, expires_at = :expires WHERE id = :id AND state = :from")
                .bind("to", to.name()).bind("expires", Sql.timestamp(expiresAt)).bind("id", id).bind("from", from.name())
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    /** Bytes held or reserved by {@code owner}: stored files and slots not yet lapsed. */
    public Mono<Long> bytesOf(String owner, Instant now) {
        return db.sql("SELECT COALESCE(SUM(size_bytes), 0) AS total FROM uploads WHERE owner = :owner AND expires_at > :now")
                .bind("owner", owner).bind("now", Sql.timestamp(now))
                .map(row -> Sql.number(row, "total")).one().defaultIfEmpty(0L);
    }

    /** Ids of slots and files whose time is up, at most {@code limit} of them. */
    public Flux<String> expired(Instant now, int limit) {
        return db.sql("SELECT id FROM uploads WHERE expires_at <= :now ORDER BY expires_at LIMIT " + limit)
                .bind("now", Sql.timestamp(now))
                .map(row -> row.get("id", String.class)).all();
    }

    public Mono<Void> delete(String id) {
        return db.sql("DELETE FROM uploads WHERE id = :id").bind("id", id).fetch().rowsUpdated().then();
    }
}
