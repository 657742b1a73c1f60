package im.tandem.store;

import java.time.Instant;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publish-subscribe nodes, items and affiliations (XEP-0060), for PEP services (one per
 * account) and the pubsub service alike; a service is named by its JID.
 */
@Repository
public class PubsubStore {

    /** A stored node: its configuration as a serialized data form. */
    public record NodeRow(String service, String node, String ownerJid, String config) {
    }

    /** A stored item: the payload serialized, or empty for an item without payload. */
    public record ItemRow(String itemId, String publisher, String payload, Instant publishedAt) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator transactions;

    public PubsubStore(DatabaseClient db) {
        this.db = db;
        this.transactions = Sql.transactions(db);
    }

    public Mono<NodeRow> node(String service, String node) {
        return db.sql("SELECT service, node, owner_jid, config FROM pubsub_nodes WHERE service = :s AND node = :n")
                .bind("s", service).bind("n", node)
                .map(r -> new NodeRow(r.get("service", String.class), r.get("node", String.class),
                        r.get("owner_jid", String.class), r.get("config", String.class)))
                .one();
    }

    /** The nodes of a service, by name. */
    public Flux<NodeRow> nodes(String service) {
        return db.sql("SELECT service, node, owner_jid, config FROM pubsub_nodes WHERE service = :s ORDER BY node")
                .bind("s", service)
                .map(r -> new NodeRow(r.get("service", String.class), r.get("node", String.class),
                        r.get("owner_jid", String.class), r.get("config", String.class)))
                .all();
    }

    /** How many nodes of the service {@code ownerJid} owns. */
    public Mono<Long> countNodes(String service, String ownerJid) {
        return db.sql("SELECT COUNT(*) AS n FROM pubsub_nodes WHERE service = :s AND owner_jid = :o")
                .bind("s", service).bind("o", ownerJid)
                .map(r -> Sql.number(r, "n")).one();
    }

    /** Creates a node; false when it exists already. {@code pepUser} ties a PEP node to its account. */
    public Mono<Boolean> createNode(String service, String node, String pepUser, String ownerJid, String config) {
        var spec = db.sql("INSERT INTO pubsub_nodes (service, node, pep_user, owner_jid, config, created_at) "
                        + "VALUES (:s, :n, :u, :o, :c, :t)")
                .bind("s", service).bind("n", node).bind("o", ownerJid).bind("c", config).bind("t", Sql.now());
        return Sql.bindNullable(spec, "u", pepUser, String.class).fetch().rowsUpdated()
                .map(n -> n > 0)
                .onErrorResume(DataIntegrityViolationException.class, e -> Mono.just(false));
    }

    public Mono<Void> updateConfig(String service, String node, String config) {
        return db.sql("UPDATE pubsub_nodes SET config = :c WHERE service = :s AND node = :n")
                .bind("c", config).bind("s", service).bind("n", node).fetch().rowsUpdated().then();
    }

    /** Deletes a node with its items and affiliations; false when there was none. */
    public Mono<Boolean> deleteNode(String service, String node) {
        return db.sql("DELETE FROM pubsub_nodes WHERE service = :s AND node = :n")
                .bind("s", service).bind("n", node).fetch().rowsUpdated().map(n -> n > 0);
    }

    /**
     * Stores an item as the newest of its node (replacing one with the same id) and drops the
     * oldest items beyond {@code maxItems}.
     */
    public Mono<Void> publish(String service, String node, String itemId, String publisher, String payload,
                              long maxItems) {
        Mono<Void> work = db.sql("DELETE FROM pubsub_items WHERE service = :s AND node = :n AND item_id = :i")
                .bind("s", service).bind("n", node).bind("i", itemId).fetch().rowsUpdated()
                .then(db.sql("INSERT INTO pubsub_items (service, node, item_id, publisher, payload, published_at) "
                                + "VALUES (:s, :n, :i, :p, :x, :t)")
                        .bind("s", service).bind("n", node).bind("i", itemId).bind("p", publisher)
                        .bind("x", payload).bind("t", Sql.now()).fetch().rowsUpdated())
                .then(trim(service, node, maxItems));
        return transactions.transactional(work)
                // a concurrent publication of the same id won the insert: this one comes after it
                .onErrorResume(DataIntegrityViolationException.class, e -> transactions.transactional(work));
    }

    private Mono<Void> trim(String service, String node, long maxItems) {
        return db.sql("SELECT id FROM pubsub_items WHERE service = :s AND node = :n ORDER BY id DESC "
                        + "OFFSET :m ROWS")
                .bind("s", service).bind("n", node).bind("m", maxItems)
                .map(r -> Sql.number(r, "id")).all()
                .concatMap(id -> db.sql("DELETE FROM pubsub_items WHERE id = :id").bind("id", id)
                        .fetch().rowsUpdated())
                .then();
    }

    /** Drops items beyond a (lowered) maximum. */
    public Mono<Void> trimTo(String service, String node, long maxItems) {
        return trim(service, node, maxItems);
    }

    /** The newest {@code limit} items, newest first. */
    public Flux<ItemRow> items(String service, String node, long limit) {
        return db.sql("SELECT item_id, publisher, payload, published_at FROM pubsub_items "
                        + "WHERE service = :s AND node = :n ORDER BY id DESC FETCH FIRST :m ROWS ONLY")
                .bind("s", service).bind("n", node).bind("m", limit)
                .map(r -> new ItemRow(r.get("item_id", String.class), r.get("publisher", String.class),
                        r.get("payload", String.class), Sql.instant(r, "published_at")))
                .all();
    }

    public Mono<ItemRow> item(String service, String node, String itemId) {
        return db.sql("SELECT item_id, publisher, payload, published_at FROM pubsub_items "
                        + "WHERE service = :s AND node = :n AND item_id = :i")
                .bind("s", service).bind("n", node).bind("i", itemId)
                .map(r -> new ItemRow(r.get("item_id", String.class), r.get("publisher", String.class),
                        r.get("payload", String.class), Sql.instant(r, "published_at")))
                .one();
    }

    /** Removes one item; false when there was none. */
    public Mono<Boolean> retract(String service, String node, String itemId) {
        return db.sql("DELETE FROM pubsub_items WHERE service = :s AND node = :n AND item_id = :i")
                .bind("s", service).bind("n", node).bind("i", itemId).fetch().rowsUpdated().map(n -> n > 0);
    }

    public Mono<Void> purge(String service, String node) {
        return db.sql("DELETE FROM pubsub_items WHERE service = :s AND node = :n")
                .bind("s", service).bind("n", node).fetch().rowsUpdated().then();
    }

    /** Affiliations other than the owner's, as jid and affiliation pairs. */
    public Flux<List<String>> affiliations(String service, String node) {
        return db.sql("SELECT jid, affiliation FROM pubsub_affiliations WHERE service = :s AND node = :n ORDER BY jid")
                .bind("s", service).bind("n", node)
                .map(r -> List.of(r.get("jid", String.class), r.get("affiliation", String.class)))
                .all();
    }

    public Mono<String> affiliation(String service, String node, String jid) {
        return db.sql("SELECT affiliation FROM pubsub_affiliations WHERE service = :s AND node = :n AND jid = :j")
                .bind("s", service).bind("n", node).bind("j", jid)
                .map(r -> r.get("affiliation", String.class)).one();
    }

    public Mono<Long> countAffiliations(String service, String node) {
        return db.sql("SELECT COUNT(*) AS n FROM pubsub_affiliations WHERE service = :s AND node = :n")
                .bind("s", service).bind("n", node).map(r -> Sql.number(r, "n")).one();
    }

    /** Sets an affiliation; {@code none} removes it. */
    public Mono<Void> setAffiliation(String service, String node, String jid, String affiliation) {
        Mono<Long> delete = db.sql("DELETE FROM pubsub_affiliations WHERE service = :s AND node = :n AND jid = :j")
                .bind("s", service).bind("n", node).bind("j", jid).fetch().rowsUpdated();
        if ("none".equals(affiliation)) {
            return delete.then();
        }
        return Sql.updateOrInsert(
                db.sql("UPDATE pubsub_affiliations SET affiliation = :a WHERE service = :s AND node = :n AND jid = :j")
                        .bind("a", affiliation).bind("s", service).bind("n", node).bind("j", jid),
                db.sql("INSERT INTO pubsub_affiliations (service, node, jid, affiliation) VALUES (:s, :n, :j, :a)")
                        .bind("a", affiliation).bind("s", service).bind("n", node).bind("j", jid));
    }

    /** Subscribes a JID; false when it was subscribed already. */
    public Mono<Boolean> subscribe(String service, String node, String jid) {
        return db.sql("INSERT INTO pubsub_subscriptions (service, node, jid) VALUES (:s, :n, :j)")
                .bind("s", service).bind("n", node).bind("j", jid).fetch().rowsUpdated().map(n -> n > 0)
                .onErrorResume(DataIntegrityViolationException.class, e -> Mono.just(false));
    }

    public Mono<Boolean> unsubscribe(String service, String node, String jid) {
        return db.sql("DELETE FROM pubsub_subscriptions WHERE service = :s AND node = :n AND jid = :j")
                .bind("s", service).bind("n", node).bind("j", jid).fetch().rowsUpdated().map(n -> n > 0);
    }

    public Flux<String> subscribers(String service, String node) {
        return db.sql("SELECT jid FROM pubsub_subscriptions WHERE service = :s AND node = :n ORDER BY jid")
                .bind("s", service).bind("n", node).map(r -> r.get("jid", String.class)).all();
    }

    public Mono<Long> countSubscribers(String service, String node) {
        return db.sql("SELECT COUNT(*) AS n FROM pubsub_subscriptions WHERE service = :s AND node = :n")
                .bind("s", service).bind("n", node).map(r -> Sql.number(r, "n")).one();
    }

    /** The nodes of a service a JID is subscribed to. */
    public Flux<String> subscriptionsOf(String service, String jid) {
        return db.sql("SELECT node FROM pubsub_subscriptions WHERE service = :s AND jid = :j ORDER BY node")
                .bind("s", service).bind("j", jid).map(r -> r.get("node", String.class)).all();
    }
}
