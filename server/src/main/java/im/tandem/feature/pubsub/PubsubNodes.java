package im.tandem.feature.pubsub;

import im.tandem.admin.MeterNames;
import im.tandem.stanza.StanzaError.Condition;
import im.tandem.store.PubsubStore;
import im.tandem.store.XmlFragments;
import im.tandem.xml.Element;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Nodes and items of every pubsub service, with the server's limits: node and item id length,
 * item size, items per node, nodes per service. Who may do what is the caller's decision; this
 * class keeps the data consistent and bounded.
 */
@Component
public class PubsubNodes {

    /** Longest node or item id accepted. */
    public static final int MAX_ID_LENGTH = 1023;

    private final PubsubStore store;
    private final PubsubProperties properties;
    private final TransientItems transientItems;

    private final Counter pepPublications;
    private final Counter servicePublications;

    public PubsubNodes(PubsubStore store, PubsubProperties properties, MeterRegistry meters) {
        this.store = store;
        this.properties = properties;
        this.transientItems = new TransientItems(properties.transientBytes().toBytes());
        this.pepPublications = Counter.builder(MeterNames.PUBSUB_PUBLICATIONS).tag("service", "pep")
                .description("Items published to PEP services").register(meters);
        this.servicePublications = Counter.builder(MeterNames.PUBSUB_PUBLICATIONS).tag("service", "pubsub")
                .description("Items published to the pubsub service").register(meters);
    }

    public long maxItemsLimit() {
        return properties.maxItemsPerNode();
    }

    /** The default configuration of a new node with this access model. */
    public NodeConfig defaults(AccessModel accessModel) {
        return NodeConfig.defaults(accessModel, 1);
    }

    public Mono<PubsubNode> node(String service, String name) {
        return store.node(service, name).map(this::toNode);
    }

    public Flux<PubsubNode> nodes(String service) {
        return store.nodes(service).map(this::toNode);
    }

    /** Creates a node; {@code conflict} if it exists, {@code not-allowed}/max-nodes-exceeded beyond the limit. */
    public Mono<PubsubNode> create(String service, String name, String pepUser, String owner, NodeConfig config) {
        checkId(name, "node");
        return store.countNodes(service, owner).flatMap(count -> {
            if (count >= properties.maxNodesPerOwner()) {
                return Mono.error(new PubsubException(Condition.NOT_ALLOWED, "max-nodes-exceeded",
                        "at most " + properties.maxNodesPerOwner() + " nodes per owner"));
            }
            return store.createNode(service, name, pepUser, owner, XmlFragments.serialize(config.toForm("submit")))
                    .flatMap(created -> created ? Mono.just(new PubsubNode(service, name, owner, config))
                            : Mono.error(PubsubException.of(Condition.CONFLICT, "the node exists")));
        });
    }

    /**
     * Publishes an item, creating the node first with the publish options if it does not exist
     * (auto-create). On an existing node the options are preconditions: unmet, they refuse the
     * publication with {@code conflict}/precondition-not-met (XEP-0223).
     */
    public Mono<Published> publish(String service, String pepUser, String owner, String nodeName, String itemId,
                                   Element payload, Map<String, List<String>> options, AccessModel defaultAccess) {
        checkId(nodeName, "node");
        String id = itemId == null || itemId.isEmpty() ? UUID.randomUUID().toString() : itemId;
        checkId(id, "item");
        String serialized = payload == null ? "" : XmlFragments.serialize(payload);
        if (serialized.getBytes(StandardCharsets.UTF_8).length > properties.maxItemSize().toBytes()) {
            return Mono.error(new PubsubException(Condition.NOT_ACCEPTABLE, "payload-too-big",
                    "items are limited to " + properties.maxItemSize().toKilobytes() + " KiB"));
        }
        Mono<PubsubNode> target = node(service, nodeName)
                .flatMap(existing -> options == null || existing.config().satisfies(options, maxItemsLimit())
                        ? Mono.just(existing)
                        : Mono.error(new PubsubException(Condition.CONFLICT, "precondition-not-met",
                                "the node's configuration differs from the publish options")))
                .switchIfEmpty(Mono.defer(() -> {
                    NodeConfig config;
                    try {
                        config = options == null ? defaults(defaultAccess) : defaults(defaultAccess).with(options, maxItemsLimit());
                    } catch (IllegalArgumentException e) {
                        return Mono.error(new PubsubException(Condition.CONFLICT, "precondition-not-met", e.getMessage()));
                    }
                    return create(service, nodeName, pepUser, owner, config)
                            // created concurrently by another publication: use that one
                            .onErrorResume(e -> e instanceof PubsubException p && p.condition() == Condition.CONFLICT,
                                    e -> node(service, nodeName));
                }));
        return target.flatMap(node -> {
            (pepUser != null ? pepPublications : servicePublications).increment();
            PubsubItem item = new PubsubItem(id, owner, payload, Instant.now());
            if (!node.config().persistItems()) {
                transientItems.put(service, nodeName, item, serialized);
                return Mono.just(new Published(node, item));
            }
            return store.publish(service, nodeName, id, owner, serialized, node.config().maxItems())
                    .thenReturn(new Published(node, item));
        });
    }

    /** A node and the item just published on it. */
    public record Published(PubsubNode node, PubsubItem item) {
    }

    /** The newest {@code max} items, newest first. */
    public Flux<PubsubItem> items(PubsubNode node, long max) {
        if (!node.config().persistItems()) {
            PubsubItem last = transientItems.get(node.service(), node.name());
            return last == null ? Flux.empty() : Flux.just(last);
        }
        return store.items(node.service(), node.name(), Math.min(max, node.config().maxItems())).map(PubsubNodes::toItem);
    }

    /** The items with these ids that exist, in the order asked. */
    public Flux<PubsubItem> items(PubsubNode node, List<String> ids) {
        if (!node.config().persistItems()) {
            PubsubItem last = transientItems.get(node.service(), node.name());
            return last == null || !ids.contains(last.id()) ? Flux.empty() : Flux.just(last);
        }
        return Flux.fromIterable(ids).concatMap(id -> store.item(node.service(), node.name(), id)).map(PubsubNodes::toItem);
    }

    public Mono<PubsubItem> lastItem(PubsubNode node) {
        return items(node, 1).next();
    }

    /** Removes an item; {@code item-not-found} when there is none. */
    public Mono<Void> retract(PubsubNode node, String itemId) {
        if (!node.config().persistItems()) {
            PubsubItem last = transientItems.get(node.service(), node.name());
            if (last == null || !last.id().equals(itemId)) {
                return Mono.error(PubsubException.of(Condition.ITEM_NOT_FOUND, "no such item"));
            }
            transientItems.remove(node.service(), node.name());
            return Mono.empty();
        }
        return store.retract(node.service(), node.name(), itemId).flatMap(removed -> removed ? Mono.<Void>empty()
                : Mono.error(PubsubException.of(Condition.ITEM_NOT_FOUND, "no such item")));
    }

    public Mono<Void> purge(PubsubNode node) {
        transientItems.remove(node.service(), node.name());
        return store.purge(node.service(), node.name());
    }

    public Mono<Void> delete(PubsubNode node) {
        transientItems.remove(node.service(), node.name());
        return store.deleteNode(node.service(), node.name()).then();
    }

    /** Applies a submitted configuration form; {@code not-acceptable} for a value the server cannot take. */
    public Mono<PubsubNode> configure(PubsubNode node, Map<String, List<String>> fields) {
        NodeConfig config;
        try {
            config = node.config().with(fields, maxItemsLimit());
        } catch (IllegalArgumentException e) {
            return Mono.error(PubsubException.of(Condition.NOT_ACCEPTABLE, e.getMessage()));
        }
        PubsubNode changed = new PubsubNode(node.service(), node.name(), node.owner(), config);
        Mono<Void> items = config.persistItems()
                ? store.trimTo(node.service(), node.name(), config.maxItems()) : store.purge(node.service(), node.name());
        return store.updateConfig(node.service(), node.name(), XmlFragments.serialize(config.toForm("submit")))
                .then(items).thenReturn(changed);
    }

    /** The affiliation of a JID other than the owner: member, publisher, outcast, or none. */
    public Mono<String> affiliation(PubsubNode node, String bareJid) {
        if (bareJid.equals(node.owner())) {
            return Mono.just("owner");
        }
        return store.affiliation(node.service(), node.name(), bareJid).defaultIfEmpty("none");
    }

    public Flux<List<String>> affiliations(PubsubNode node) {
        return store.affiliations(node.service(), node.name());
    }

    public Mono<Void> setAffiliation(PubsubNode node, String bareJid, String affiliation) {
        if (!"none".equals(affiliation)) {
            return store.countAffiliations(node.service(), node.name()).flatMap(n -> n >= properties.maxAffiliations()
                    ? Mono.error(PubsubException.of(Condition.NOT_ALLOWED, "too many affiliations"))
                    : store.setAffiliation(node.service(), node.name(), bareJid, affiliation));
        }
        return store.setAffiliation(node.service(), node.name(), bareJid, affiliation);
    }

    /** Subscribes a JID to a node of the pubsub service, within the per-node limit. */
    public Mono<Void> subscribe(PubsubNode node, String jid) {
        return store.countSubscribers(node.service(), node.name()).flatMap(n -> n >= properties.maxSubscribers()
                ? Mono.error(new PubsubException(Condition.NOT_ALLOWED, "too-many-subscriptions", "the node is full"))
                : store.subscribe(node.service(), node.name(), jid).then());
    }

    public Mono<Boolean> unsubscribe(PubsubNode node, String jid) {
        return store.unsubscribe(node.service(), node.name(), jid);
    }

    public Flux<String> subscribers(PubsubNode node) {
        return store.subscribers(node.service(), node.name());
    }

    public Flux<String> subscriptionsOf(String service, String jid) {
        return store.subscriptionsOf(service, jid);
    }

    private PubsubNode toNode(PubsubStore.NodeRow row) {
        return new PubsubNode(row.service(), row.node(), row.ownerJid(),
                NodeConfig.fromStored(XmlFragments.parse(row.config()), maxItemsLimit()));
    }

    private static PubsubItem toItem(PubsubStore.ItemRow row) {
        Element payload = row.payload() == null || row.payload().isEmpty() ? null : XmlFragments.parse(row.payload());
        return new PubsubItem(row.itemId(), row.publisher(), payload, row.publishedAt());
    }

    private static void checkId(String id, String what) {
        if (id == null || id.isEmpty()) {
            throw PubsubException.badRequest("nodeid-required", "the " + what + " id is missing");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw PubsubException.of(Condition.NOT_ACCEPTABLE, what + " ids are limited to " + MAX_ID_LENGTH + " characters");
        }
    }
}
