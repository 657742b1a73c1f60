package im.tandem.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Message archives (XEP-0313), one per archive JID: a user's bare JID, or a room's. Rows are
 * ordered by {@code seq}, the database's insertion order; {@code stanza_id} is the public id.
 * Queries take a {@link Filter} whose bounds on {@code seq} are exclusive.
 */
@Repository
public class ArchiveStore {

    /** One archived message. */
    public record Row(long seq, String stanzaId, Instant storedAt, String stanza) {
    }

    /**
     * What a query selects in one archive; null fields do not restrict.
     *
     * @param withResource only with {@code withBare}: the full JID's resource
     * @param afterSeq     exclusive lower bound on seq
     * @param beforeSeq    exclusive upper bound on seq
     * @param ids          only these stanza ids
     */
    public record Filter(String archiveJid, String withBare, String withResource, Instant start, Instant end,
                         Long afterSeq, Long beforeSeq, Collection<String> ids) {

        public Filter withSeqBounds(Long after, Long before) {
            return new Filter(archiveJid, withBare, withResource, start, end, after, before, ids);
        }
    }

    private final DatabaseClient db;

    private final org.springframework.transaction.reactive.TransactionalOperator tx;

    public ArchiveStore(DatabaseClient db) {
        this.db = db;
        this.tx = Sql.transactions(db);
    }

    /** Appends a message to an archive; {@code direction} is {@code in} or {@code out}. */
    public Mono<Void> append(String archiveJid, String stanzaId, String direction, String withBare,
                             String withResource, Instant storedAt, String stanza) {
        GenericExecuteSpec spec = db.sql("INSERT INTO mam_messages (archive_jid, stanza_id, direction, with_bare, "
                        + "with_resource, stored_at, stanza) VALUES (:archive, :id, :direction, :withBare, "
                        + ":withResource, :storedAt, :stanza)")
                .bind("archive", archiveJid)
                .bind("id", stanzaId)
                .bind("direction", direction)
                .bind("withBare", Sql.clip(withBare, 3071))
                .bind("storedAt", Sql.timestamp(storedAt))
                .bind("stanza", stanza);
        return Sql.bindNullable(spec, "withResource", Sql.clip(withResource, 1023), String.class)
                .fetch().rowsUpdated().then();
    }

    /** A message to append; {@code direction} is {@code in} or {@code out}. */
    public record NewRow(String archiveJid, String stanzaId, String direction, String withBare, String withResource,
                         Instant storedAt, String stanza) {
    }

    /**
     * Appends several messages with one multi-row INSERT (portable to H2 and PostgreSQL, which
     * both number identity rows in VALUES order): one statement and one commit per batch.
     */
    public Mono<Void> appendAll(java.util.List<NewRow> rows) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        StringBuilder sql = new StringBuilder("INSERT INTO mam_messages (archive_jid, stanza_id, direction, with_bare, "
                + "with_resource, stored_at, stanza) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:a").append(i).append(", :i").append(i).append(", :d").append(i)
                    .append(", :w").append(i).append(", :r").append(i).append(", :t").append(i).append(", :s").append(i)
                    .append(')');
        }
        // one map for all values: binding one by one copies the bindings each time (quadratic)
        java.util.Map<String, Object> values = new java.util.HashMap<>(rows.size() * 10);
        for (int i = 0; i < rows.size(); i++) {
            NewRow r = rows.get(i);
            values.put("a" + i, r.archiveJid());
            values.put("i" + i, r.stanzaId());
            values.put("d" + i, r.direction());
            values.put("w" + i, Sql.clip(r.withBare(), 3071));
            values.put("t" + i, Sql.timestamp(r.storedAt()));
            values.put("s" + i, r.stanza());
            String resource = Sql.clip(r.withResource(), 1023);
            values.put("r" + i, resource == null ? org.springframework.r2dbc.core.Parameter.empty(String.class) : resource);
        }
        GenericExecuteSpec spec = db.sql(sql.toString()).bindValues(values);
        return spec.fetch().rowsUpdated().then();
    }

    /** The seq of a message in an archive, empty if there is no such id there. */
    public Mono<Long> seqOf(String archiveJid, String stanzaId) {
        return db.sql("SELECT seq FROM mam_messages WHERE archive_jid = :archive AND stanza_id = :id")
                .bind("archive", archiveJid)
                .bind("id", stanzaId)
                .map(row -> Sql.number(row, "seq"))
                .one();
    }

    /** Up to {@code limit} rows, oldest first or newest first, skipping {@code offset}. */
    public Flux<Row> page(Filter filter, boolean newestFirst, int limit, long offset) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String sql = "SELECT seq, stanza_id, stored_at, stanza FROM mam_messages WHERE " + where(filter, binds)
                + " ORDER BY seq " + (newestFirst ? "DESC" : "ASC") + " LIMIT " + limit
                + (offset > 0 ? " OFFSET " + offset : "");
        return bindAll(db.sql(sql), binds)
                .map(row -> new Row(Sql.number(row, "seq"), row.get("stanza_id", String.class),
                        Sql.instant(row, "stored_at"), row.get("stanza", String.class)))
                .all();
    }

    /** How many rows the filter selects. */
    public Mono<Long> count(Filter filter) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String sql = "SELECT COUNT(*) AS n FROM mam_messages WHERE " + where(filter, binds);
        return bindAll(db.sql(sql), binds).map(row -> Sql.number(row, "n")).one();
    }

    /** The oldest ({@code newest} false) or newest row of an archive. */
    public Mono<Row> edge(String archiveJid, boolean newest) {
        return page(new Filter(archiveJid, null, null, null, null, null, null, null), newest, 1, 0).next();
    }

    /** Deletes what was stored before {@code cutoff}, in every archive; returns how many. */
    public Mono<Long> deleteBefore(Instant cutoff) {
        return db.sql("DELETE FROM mam_messages WHERE stored_at < :cutoff")
                .bind("cutoff", Sql.timestamp(cutoff))
                .fetch().rowsUpdated();
    }

    /** Keeps only the newest {@code max} messages of every archive; returns how many were deleted. */
    public Mono<Long> trimTo(int max) {
        return db.sql("SELECT archive_jid FROM mam_messages GROUP BY archive_jid HAVING COUNT(*) > :max")
                .bind("max", max)
                .map(row -> row.get("archive_jid", String.class))
                .all()
                .concatMap(archive -> db.sql("SELECT seq FROM mam_messages WHERE archive_jid = :archive "
                                + "ORDER BY seq DESC LIMIT 1 OFFSET " + max)
                        .bind("archive", archive)
                        .map(row -> Sql.number(row, "seq"))
                        .one()
                        .flatMap(cut -> db.sql("DELETE FROM mam_messages WHERE archive_jid = :archive AND seq <= :cut")
                                .bind("archive", archive)
                                .bind("cut", cut)
                                .fetch().rowsUpdated()))
                .reduce(0L, Long::sum);
    }

    /** Deletes an archive and its preferences. */
    public Mono<Void> deleteArchive(String archiveJid) {
        return db.sql("DELETE FROM mam_messages WHERE archive_jid = :archive").bind("archive", archiveJid)
                .fetch().rowsUpdated()
                .then(db.sql("DELETE FROM mam_prefs WHERE archive_jid = :archive").bind("archive", archiveJid)
                        .fetch().rowsUpdated())
                .then();
    }

    /** Stored preferences: the default mode and JID → always/never; empty when never set. */
    public Mono<Prefs> prefs(String archiveJid) {
        Mono<String> mode = db.sql("SELECT default_mode FROM mam_prefs WHERE archive_jid = :archive")
                .bind("archive", archiveJid)
                .map(row -> row.get("default_mode", String.class))
                .one();
        return mode.flatMap(m -> db.sql("SELECT jid, pref_rule FROM mam_pref_jids WHERE archive_jid = :archive ORDER BY jid")
                .bind("archive", archiveJid)
                .map(row -> Map.entry(row.get("jid", String.class), row.get("pref_rule", String.class)))
                .all()
                .collectList()
                .map(rules -> {
                    Map<String, String> map = new LinkedHashMap<>();
                    rules.forEach(e -> map.put(e.getKey(), e.getValue()));
                    return new Prefs(m, map);
                }));
    }

    /** Stored preferences of one archive. */
    public record Prefs(String defaultMode, Map<String, String> rules) {
    }

    /** Replaces the preferences of an archive. */
    public Mono<Void> savePrefs(String archiveJid, Prefs prefs) {
        // delete and insert in one transaction: no upsert, whose duplicate-key retry would abort a PostgreSQL transaction
        Mono<Long> clear = db.sql("DELETE FROM mam_prefs WHERE archive_jid = :archive")
                .bind("archive", archiveJid).fetch().rowsUpdated();
        Mono<Long> insert = db.sql("INSERT INTO mam_prefs (archive_jid, default_mode) VALUES (:archive, :mode)")
                .bind("mode", prefs.defaultMode()).bind("archive", archiveJid).fetch().rowsUpdated();
        List<Mono<Long>> inserts = new ArrayList<>();
        prefs.rules().forEach((jid, rule) -> inserts.add(db.sql("INSERT INTO mam_pref_jids (archive_jid, jid, pref_rule) "
                        + "VALUES (:archive, :jid, :rule)")
                .bind("archive", archiveJid).bind("jid", jid).bind("rule", rule)
                .fetch().rowsUpdated()));
        return Sql.transactions(db).transactional(clear
                .then(insert)
                .thenMany(Flux.concat(inserts))
                .then());
    }

    private static String where(Filter f, Map<String, Object> binds) {
        StringBuilder w = new StringBuilder("archive_jid = :archive");
        binds.put("archive", f.archiveJid());
        if (f.withBare() != null) {
            w.append(" AND with_bare = :withBare");
            binds.put("withBare", f.withBare());
            if (f.withResource() != null) {
                w.append(" AND with_resource = :withResource");
                binds.put("withResource", f.withResource());
            }
        }
        if (f.start() != null) {
            w.append(" AND stored_at >= :start");
            binds.put("start", Sql.timestamp(f.start()));
        }
        if (f.end() != null) {
            w.append(" AND stored_at <= :end");
            binds.put("end", Sql.timestamp(f.end()));
        }
        if (f.afterSeq() != null) {
            w.append(" AND seq > :afterSeq");
            binds.put("afterSeq", f.afterSeq());
        }
        if (f.beforeSeq() != null) {
            w.append(" AND seq < :beforeSeq");
            binds.put("beforeSeq", f.beforeSeq());
        }
        if (f.ids() != null) {
            w.append(" AND stanza_id IN (:ids)");
            binds.put("ids", f.ids());
        }
        return w.toString();
    }

    private static GenericExecuteSpec bindAll(GenericExecuteSpec spec, Map<String, Object> binds) {
        for (Map.Entry<String, Object> e : binds.entrySet()) {
            spec = spec.bind(e.getKey(), e.getValue());
        }
        return spec;
    }
}
