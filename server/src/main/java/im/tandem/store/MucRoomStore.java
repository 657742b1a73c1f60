package im.tandem.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** XEP-0045 persistent rooms: configuration (a data form as XML), subject and affiliations. */
@Repository
public class MucRoomStore {

    /** One affiliation as stored. */
    public record Affiliation(String jid, String affiliation, String reason) {
    }

    /** One room as stored. */
    public record Row(String room, String config, String subject, String subjectBy, Instant createdAt,
                      List<Affiliation> affiliations) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    public MucRoomStore(DatabaseClient db) {
        this.db = db;
        this.tx = Sql.transactions(db);
    }

    /** Every stored room with its affiliations. */
    public Flux<Row> all() {
        Mono<Map<String, java.util.Collection<Affiliation>>> affiliations = db.sql(
                        "SELECT room, jid, affiliation, reason FROM muc_affiliations")
                .map(row -> Map.entry(row.get("room", String.class), new Affiliation(row.get("jid", String.class),
                        row.get("affiliation", String.class), row.get("reason", String.class))))
                .all()
                .collectMultimap(Map.Entry::getKey, Map.Entry::getValue);
        return affiliations.flatMapMany(byRoom -> db.sql(
                        "SELECT room, config, subject, subject_by, created_at FROM muc_rooms")
                .map(row -> {
                    String room = row.get("room", String.class);
                    return new Row(room, row.get("config", String.class), row.get("subject", String.class),
                            row.get("subject_by", String.class), row.get("created_at", OffsetDateTime.class).toInstant(),
                            List.copyOf(byRoom.getOrDefault(room, List.of())));
                })
                .all());
    }

    /** Stores a room, replacing what was stored for it. */
    public Mono<Void> save(Row r) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("INSERT INTO muc_rooms (room, config, subject, subject_by, created_at) "
                        + "VALUES (:room, :config, :subject, :by, :at)")
                .bind("room", r.room()).bind("config", r.config()).bind("at", Sql.timestamp(r.createdAt()));
        insert = Sql.bindNullable(insert, "subject", r.subject(), String.class);
        insert = Sql.bindNullable(insert, "by", r.subjectBy(), String.class);
        Mono<Long> rows = delete(r.room()).then(insert.fetch().rowsUpdated());
        for (Affiliation a : r.affiliations()) {
            DatabaseClient.GenericExecuteSpec spec = db.sql("INSERT INTO muc_affiliations (room, jid, affiliation, reason) "
                            + "VALUES (:room, :jid, :affiliation, :reason)")
                    .bind("room", r.room()).bind("jid", a.jid()).bind("affiliation", a.affiliation());
            DatabaseClient.GenericExecuteSpec bound = Sql.bindNullable(spec, "reason", a.reason(), String.class);
            rows = rows.then(bound.fetch().rowsUpdated());
        }
        return rows.as(tx::transactional).then();
    }

    /** Forgets a room (its affiliations go with it). */
    public Mono<Void> delete(String room) {
        return db.sql("DELETE FROM muc_affiliations WHERE room = :room").bind("room", room).fetch().rowsUpdated()
                .then(db.sql("DELETE FROM muc_rooms WHERE room = :room").bind("room", room).fetch().rowsUpdated())
                .then();
    }
}
