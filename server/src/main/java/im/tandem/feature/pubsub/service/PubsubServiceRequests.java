package im.tandem.feature.pubsub.service;

import im.tandem.feature.adhoc.DataForm;
import im.tandem.feature.disco.ServiceDiscovery;
import im.tandem.feature.pep.PepAccess;
import im.tandem.feature.pubsub.AccessModel;
import im.tandem.feature.pubsub.NodeConfig;
import im.tandem.feature.pubsub.Pubsub;
import im.tandem.feature.pubsub.PubsubException;
import im.tandem.feature.pubsub.PubsubItem;
import im.tandem.feature.pubsub.PubsubNode;
import im.tandem.feature.pubsub.PubsubNodes;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.stanza.StanzaError.Condition;
import im.tandem.xml.Element;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Answers requests to the pubsub service: disco, the {@code pubsub} use cases of entities
 * (create, publish, retract, items, subscribe, unsubscribe, subscriptions) and the owner's
 * {@code pubsub#owner} ones (configure, default, delete, purge, affiliations). Only a node's
 * owner or publishers publish; the access model, read against the owner's roster, decides who
 * reads and subscribes.
 */
@Component
public class PubsubServiceRequests {

    private final String service;
    private final PubsubNodes nodes;
    private final PepAccess access;
    private final PubsubServiceEvents events;

    public PubsubServiceRequests(@Value("${tandem.domain:localhost}") String domain, PubsubNodes nodes,
                                 PepAccess access, PubsubServiceEvents events) {
        this.service = "pubsub." + domain;
        this.nodes = nodes;
        this.access = access;
        this.events = events;
    }

    /** The reply to an iq request (from set to a local user's full JID). */
    public Mono<Element> handle(Stanza iq) {
        Element payload = iq.payload();
        if (payload == null || iq.element().elements().size() != 1) {
            return Mono.just(iq.errorReply(StanzaError.of(Condition.BAD_REQUEST, "one payload per request")));
        }
        Jid requester = iq.from().bare();
        return Mono.defer(() -> switch (payload.namespace()) {
                    case ServiceDiscovery.INFO -> discoInfo(iq, payload, requester);
                    case ServiceDiscovery.ITEMS -> discoItems(iq, payload, requester);
                    case Pubsub.NAMESPACE -> entity(iq, payload, requester);
                    case Pubsub.OWNER -> owner(iq, payload, requester);
                    default -> Mono.just(iq.errorReply(StanzaError.of(Condition.SERVICE_UNAVAILABLE)));
                })
                .onErrorResume(PubsubException.class, e -> Mono.just(e.reply(iq)));
    }

    private Mono<Element> discoInfo(Stanza iq, Element query, Jid requester) {
        String node = query.attribute("node");
        if (node == null) {
            Element.Builder q = Element.builder("query", ServiceDiscovery.INFO)
                    .child(Element.builder("identity", ServiceDiscovery.INFO).attribute("category", "pubsub")
                            .attribute("type", "service").attribute("name", "Publish-subscribe").build());
            List<String> vars = new ArrayList<>(List.of(ServiceDiscovery.INFO, ServiceDiscovery.ITEMS, Pubsub.NAMESPACE,
                    Pubsub.NAMESPACE + "#subscribe", Pubsub.NAMESPACE + "#retrieve-subscriptions"));
            vars.addAll(Pubsub.featureVars());
            vars.forEach(v -> q.child(Element.builder("feature", ServiceDiscovery.INFO).attribute("var", v).build()));
            return Mono.just(iq.resultReply(q.build()));
        }
        return visible(node, requester).map(n -> iq.resultReply(Element.builder("query", ServiceDiscovery.INFO)
                        .attribute("node", node)
                        .child(Element.builder("identity", ServiceDiscovery.INFO).attribute("category", "pubsub")
                                .attribute("type", "leaf").build())
                        .child(Element.builder("feature", ServiceDiscovery.INFO).attribute("var", Pubsub.NAMESPACE).build())
                        .build()));
    }

    private Mono<Element> discoItems(Stanza iq, Element query, Jid requester) {
        Element.Builder q = Element.builder("query", ServiceDiscovery.ITEMS).attribute("node", query.attribute("node"));
        if (query.attribute("node") != null) {
            return visible(query.attribute("node"), requester).thenReturn(iq.resultReply(q.build()));
        }
        return nodes.nodes(service).filterWhen(n -> access.allowed(n, requester))
                .doOnNext(n -> q.child(Element.builder("item", ServiceDiscovery.ITEMS).attribute("jid", service)
                        .attribute("node", n.name()).attribute("name", n.config().title()).build()))
                .then(Mono.fromSupplier(() -> iq.resultReply(q.build())));
    }

    private Mono<Element> entity(Stanza iq, Element pubsub, Jid requester) {
        List<Element> children = pubsub.elements();
        if (children.isEmpty() || children.size() > 2) {
            throw PubsubException.badRequest(null, "one pubsub action per request");
        }
        Element action = children.get(0);
        Element extra = children.size() > 1 ? children.get(1) : null;
        String node = action.attribute("node");
        boolean set = "set".equals(iq.type());
        return switch (action.name()) {
            case "create" -> set ? create(iq, node, extra, requester) : badGet();
            case "publish" -> set ? publish(iq, action, extra, requester) : badGet();
            case "retract" -> set ? retract(iq, action, requester) : badGet();
            case "items" -> items(iq, action, requester);
            case "subscribe" -> set ? subscribe(iq, action, requester) : badGet();
            case "unsubscribe" -> set ? owned(node).flatMap(n -> nodes.unsubscribe(n, requester.toString()))
                    .thenReturn(iq.resultReply(null)) : badGet();
            case "subscriptions" -> nodes.subscriptionsOf(service, requester.toString()).collectList()
                    .map(list -> {
                        Element.Builder subs = Element.builder("subscriptions", Pubsub.NAMESPACE);
                        list.forEach(n -> subs.child(subscription(n, requester)));
                        return iq.resultReply(Element.builder("pubsub", Pubsub.NAMESPACE).child(subs.build()).build());
                    });
            default -> throw PubsubException.unsupported(action.name());
        };
    }

    private Mono<Element> create(Stanza iq, String node, Element configure, Jid requester) {
        String name = node == null || node.isEmpty() ? UUID.randomUUID().toString() : node;
        NodeConfig config = nodes.defaults(AccessModel.OPEN);
        if (configure != null && configure.child("x", DataForm.NAMESPACE) != null) {
            Map<String, List<String>> fields = DataForm.submitted(configure);
            if (fields == null) {
                throw PubsubException.badRequest("invalid-options", "submit a form");
            }
            try {
                config = config.with(fields, nodes.maxItemsLimit());
            } catch (IllegalArgumentException e) {
                throw PubsubException.of(Condition.NOT_ACCEPTABLE, e.getMessage());
            }
        }
        return nodes.create(service, name, null, requester.toString(), config)
                .map(n -> iq.resultReply(Element.builder("pubsub", Pubsub.NAMESPACE)
                        .child(Element.builder("create", Pubsub.NAMESPACE).attribute("node", name).build()).build()));
    }

    private Mono<Element> publish(Stanza iq, Element publish, Element options, Jid requester) {
        List<Element> items = publish.children("item", Pubsub.NAMESPACE);
        if (items.size() != 1 || items.get(0).elements().size() != 1) {
            throw PubsubException.badRequest(items.isEmpty() ? "item-required" : "invalid-payload",
                    "publish one item with one payload");
        }
        Element item = items.get(0);
        return owned(publish.attribute("node"))
                .flatMap(n -> nodes.affiliation(n, requester.toString()).flatMap(a -> "owner".equals(a) || "publisher".equals(a)
                        ? Mono.just(n) : Mono.error(PubsubException.of(Condition.FORBIDDEN, "only publishers publish"))))
                .flatMap(n -> nodes.publish(service, null, n.owner(), n.name(), item.attribute("id"), item.elements().get(0),
                        options == null ? null : DataForm.submitted(options), AccessModel.OPEN))
                .flatMap(p -> events.published(p.node(), p.item())
                        .thenReturn(iq.resultReply(Element.builder("pubsub", Pubsub.NAMESPACE)
                                .child(Element.builder("publish", Pubsub.NAMESPACE).attribute("node", p.node().name())
                                        .child(Element.builder("item", Pubsub.NAMESPACE).attribute("id", p.item().id()).build())
                                        .build()).build())));
    }

    private Mono<Element> retract(Stanza iq, Element retract, Jid requester) {
        List<Element> items = retract.children("item", Pubsub.NAMESPACE);
        if (items.size() != 1 || items.get(0).attribute("id") == null) {
            throw PubsubException.badRequest("item-required", "retract one item by id");
        }
        String id = items.get(0).attribute("id");
        return owned(retract.attribute("node"))
                .flatMap(n -> nodes.affiliation(n, requester.toString()).flatMap(a -> "owner".equals(a) || "publisher".equals(a)
                        ? nodes.retract(n, id).then(n.config().notifyRetract() ? events.retracted(n, id) : Mono.empty())
                        : Mono.error(PubsubException.of(Condition.FORBIDDEN, "only publishers retract"))))
                .thenReturn(iq.resultReply(null));
    }

    private Mono<Element> items(Stanza iq, Element request, Jid requester) {
        long max;
        try {
            max = request.attribute("max_items") == null ? Long.MAX_VALUE : Long.parseLong(request.attribute("max_items"));
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 1) {
            throw PubsubException.badRequest(null, "max_items is a positive number");
        }
        long limit = max;
        return owned(request.attribute("node")).flatMap(n -> access.check(n, requester)
                .then(nodes.items(n, limit).collectList())
                .map(found -> {
                    List<PubsubItem> ordered = new ArrayList<>(found);
                    Collections.reverse(ordered);
                    Element.Builder items = Element.builder("items", Pubsub.NAMESPACE).attribute("node", n.name());
                    ordered.forEach(i -> items.child(i.toElement(Pubsub.NAMESPACE, true)));
                    return iq.resultReply(Element.builder("pubsub", Pubsub.NAMESPACE).child(items.build()).build());
                }));
    }

    private Mono<Element> subscribe(Stanza iq, Element subscribe, Jid requester) {
        Jid jid = subscribe.attribute("jid") == null ? null : Jid.tryParse(subscribe.attribute("jid")).orElse(null);
        if (jid == null) {
            throw PubsubException.badRequest("jid-required", "name the subscribing JID");
        }
        if (!jid.bare().equals(requester)) {
            throw PubsubException.badRequest("invalid-jid", "subscribe yourself only");
        }
        return owned(subscribe.attribute("node")).flatMap(n -> access.check(n, requester)
                .then(nodes.subscribe(n, jid.toString()))
                .then(Mono.fromRunnable(() -> {
                    if (!"never".equals(n.config().sendLastPublishedItem())) {
                        nodes.lastItem(n).flatMap(item -> events.lastItem(n, item, jid)).subscribe();
                    }
                }))
                .thenReturn(iq.resultReply(Element.builder("pubsub", Pubsub.NAMESPACE)
                        .child(subscription(n.name(), jid)).build())));
    }

    private Mono<Element> owner(Stanza iq, Element pubsub, Jid requester) {
        List<Element> children = pubsub.elements();
        if (children.size() != 1) {
            throw PubsubException.badRequest(null, "one owner action per request");
        }
        Element action = children.get(0);
        boolean get = "get".equals(iq.type());
        if (action.name().equals("default")) {
            return Mono.just(iq.resultReply(Element.builder("pubsub", Pubsub.OWNER).child(Element.builder("default", Pubsub.OWNER)
                    .child(nodes.defaults(AccessModel.OPEN).toForm("form")).build()).build()));
        }
        Mono<PubsubNode> node = owned(action.attribute("node")).flatMap(n -> n.owner().equals(requester.toString())
                ? Mono.just(n) : Mono.error(PubsubException.of(Condition.FORBIDDEN, "only the owner manages a node")));
        return switch (action.name()) {
            case "configure" -> get
                    ? node.map(n -> iq.resultReply(Element.builder("pubsub", Pubsub.OWNER).child(Element.builder("configure",
                            Pubsub.OWNER).attribute("node", n.name()).child(n.config().toForm("form")).build()).build()))
                    : node.flatMap(n -> {
                        Map<String, List<String>> fields = DataForm.submitted(action);
                        if (fields == null) {
                            return Mono.error(PubsubException.badRequest(null, "submit the configuration form"));
                        }
                        return nodes.configure(n, fields);
                    }).thenReturn(iq.resultReply(null));
            case "delete" -> node.flatMap(n -> events.emptied(n, "delete").then(nodes.delete(n))).thenReturn(iq.resultReply(null));
            case "purge" -> node.flatMap(n -> nodes.purge(n).then(events.emptied(n, "purge"))).thenReturn(iq.resultReply(null));
            case "affiliations" -> get ? node.flatMap(n -> nodes.affiliations(n).collectList().map(list -> {
                Element.Builder a = Element.builder("affiliations", Pubsub.OWNER).attribute("node", n.name())
                        .child(affiliation(n.owner(), "owner"));
                list.forEach(pair -> a.child(affiliation(pair.get(0), pair.get(1))));
                return iq.resultReply(Element.builder("pubsub", Pubsub.OWNER).child(a.build()).build());
            })) : node.flatMap(n -> reactor.core.publisher.Flux.fromIterable(action.children("affiliation", Pubsub.OWNER))
                    .concatMap(a -> {
                        Jid jid = a.attribute("jid") == null ? null : Jid.tryParse(a.attribute("jid")).orElse(null);
                        String value = a.attribute("affiliation");
                        if (jid == null || !List.of("member", "publisher", "outcast", "none").contains(value)
                                || jid.bare().toString().equals(n.owner())) {
                            return Mono.error(PubsubException.badRequest(null, "invalid affiliation"));
                        }
                        return nodes.setAffiliation(n, jid.bare().toString(), value);
                    }).then()).thenReturn(iq.resultReply(null));
            default -> throw PubsubException.unsupported(action.name());
        };
    }

    private Mono<PubsubNode> owned(String node) {
        if (node == null || node.isEmpty()) {
            return Mono.error(PubsubException.badRequest("nodeid-required", "name the node"));
        }
        return nodes.node(service, node).switchIfEmpty(Mono.error(PubsubException.of(Condition.ITEM_NOT_FOUND, "no such node")));
    }

    private Mono<PubsubNode> visible(String node, Jid requester) {
        return owned(node).filterWhen(n -> access.allowed(n, requester))
                .switchIfEmpty(Mono.error(PubsubException.of(Condition.ITEM_NOT_FOUND, "no such node")));
    }

    private static Element subscription(String node, Jid jid) {
        return Element.builder("subscription", Pubsub.NAMESPACE).attribute("node", node).attribute("jid", jid.toString())
                .attribute("subscription", "subscribed").build();
    }

    private static Element affiliation(String jid, String affiliation) {
        return Element.builder("affiliation", Pubsub.OWNER).attribute("jid", jid).attribute("affiliation", affiliation).build();
    }

    private static Mono<Element> badGet() {
        return Mono.error(PubsubException.badRequest(null, "this action is a set"));
    }
}
