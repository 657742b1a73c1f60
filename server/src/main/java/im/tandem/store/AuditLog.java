package im.tandem.store;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The audit log of admin actions (SPEC section 6). Texts longer than their columns are cut
 * rather than rejected, so recording never fails because of what a request contained.
 */
@Repository
public class AuditLog {

    private final DatabaseClient db;

    public AuditLog(DatabaseClient db) {
        this.db = db;
    }

    /** Appends an entry stamped with the current time. */
    public Mono<Void> record(String actor, String action, String target, String detail, String source) {
        GenericExecuteSpec spec = db.sql("INSERT INTO audit_log (occurred_at, actor, action, target, detail, source) "
                        + "VALUES (:at, :actor, :action, :target, :detail, :source)")
                .bind("at", Sql.now())
                .bind("actor", Sql.clip(actor == null ? "" : actor, 1023))
                .bind("action", Sql.clip(action == null ? "" : action, 255));
        spec = Sql.bindNullable(spec, "target", Sql.clip(target, 3071), String.class);
        spec = Sql.bindNullable(spec, "detail", Sql.clip(detail, 8192), String.class);
        spec = Sql.bindNullable(spec, "source", Sql.clip(source, 255), String.class);
        return spec.then();
    }

    /** The newest entries, newest first. */
    public Flux<AuditEntry> recent(int limit) {
        return db.sql("SELECT id, occurred_at, actor, action, target, detail, source FROM audit_log "
                        + "ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map(row -> new AuditEntry(
                        Sql.number(row, "id"),
                        Sql.instant(row, "occurred_at"),
                        row.get("actor", String.class),
                        row.get("action", String.class),
                        row.get("target", String.class),
                        row.get("detail", String.class),
                        row.get("source", String.class)))
                .all();
    }
}
