package im.tandem.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Persisted service parameters by name (the MDM switch, alert settings). */
@Repository
public class ServiceParameterStore {

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    public ServiceParameterStore(DatabaseClient db) {
        this.db = db;
        this.tx = Sql.transactions(db);
    }

    /** The stored value, or empty when the parameter was never set. */
    public Mono<String> get(String name) {
        return db.sql("SELECT param_value FROM service_parameters WHERE param_name = :name")
                .bind("name", name)
                .map(row -> row.get("param_value", String.class))
                .first();
    }

    /** Sets a value: an update, or an insert when there was none (portable across H2 and PostgreSQL). */
    public Mono<Void> put(String name, String value) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Mono<Long> update = db.sql("UPDATE service_parameters SET param_value = :value, updated_at = :at WHERE param_name = :name")
                .bind("name", name).bind("value", value).bind("at", now)
                .fetch().rowsUpdated();
        Mono<Long> insert = db.sql("INSERT INTO service_parameters (param_name, param_value, updated_at) VALUES (:name, :value, :at)")
                .bind("name", name).bind("value", value).bind("at", now)
                .fetch().rowsUpdated();
        // two writers racing to insert the first value: the loser updates the winner's row
        return update.flatMap(n -> n > 0 ? Mono.just(n) : insert).as(tx::transactional)
                .onErrorResume(DuplicateKeyException.class, e -> update)
                .then();
    }
}
