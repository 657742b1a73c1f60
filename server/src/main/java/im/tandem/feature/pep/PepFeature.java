package im.tandem.feature.pep;

import im.tandem.config.LazyBeans;
import im.tandem.feature.DiscoIdentity;
import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.feature.XmppFeature;
import im.tandem.feature.adhoc.DataForm;
import im.tandem.feature.pubsub.AccessModel;
import im.tandem.feature.pubsub.NodeConfig;
import im.tandem.feature.pubsub.Pubsub;
import im.tandem.feature.pubsub.PubsubException;
import im.tandem.feature.pubsub.PubsubItem;
import im.tandem.feature.pubsub.PubsubNode;
import im.tandem.feature.pubsub.PubsubNodes;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError.Condition;
import im.tandem.xml.Element;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Serves {@code <pubsub xmlns='http://jabber.org/protocol/pubsub'/>} at accounts: the owner
 * publishes (auto-creating the node, XEP-0223 publish-options as preconditions), retracts and
 * creates nodes; anyone the access model admits retrieves items. Only the owner changes a PEP
 * service: another user's publication is {@code forbidden}.
 */
@Component
public class PepFeature implements XmppFeature, IqHandler {

    private final PubsubNodes nodes;
    private final PepAccess access;
    private final PepNotifier notifier;
    private final LazyBeans<PepChangeListener> listeners;

    public PepFeature(PubsubNodes nodes, PepAccess access, PepNotifier notifier,
                      ObjectProvider<PepChangeListener> listeners) {
        this.nodes = nodes;
        this.access = access;
        this.notifier = notifier;
        this.listeners = LazyBeans.of(listeners);
    }

    @Override
    public List<String> accountFeatures() {
        List<String> features = new ArrayList<>(Pubsub.featureVars());
        features.add(Pubsub.NAMESPACE);
        return features;
    }

    @Override
    public List<DiscoIdentity> accountIdentities() {
        return List.of(new DiscoIdentity("pubsub", "pep", null));
    }

    @Override
    public String element() {
        return "pubsub";
    }

    @Override
    public String namespace() {
        return Pubsub.NAMESPACE;
    }

    @Override
    public Set<IqTarget> targets() {
        return Set.of(IqTarget.OWN_ACCOUNT, IqTarget.OTHER_ACCOUNT);
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        Jid service = iq.to() == null ? session.bareJid() : iq.to().bare();
        boolean own = service.equals(session.bareJid());
        return Mono.defer(() -> dispatch(iq, session, service, own))
                .onErrorResume(PubsubException.class, e -> Mono.just(e.reply(iq)));
    }

    private Mono<Element> dispatch(Stanza iq, ClientSession session, Jid service, boolean own) {
        List<Element> children = iq.payload().elements();
        Element action = children.isEmpty() ? null : children.get(0);
        Element extra = children.size() > 1 ? children.get(1) : null;
        if (action == null || children.size() > 2) {
            throw PubsubException.badRequest(null, "one pubsub action per request");
        }
        boolean get = "get".equals(iq.type());
        String node = action.attribute("node");
        switch (action.name()) {
            case "publish" -> {
                requireSet(get);
                if (extra != null && !extra.name().equals("publish-options")) {
                    throw PubsubException.badRequest(null, "publish goes with publish-options only");
                }
                requireOwner(own, "only the owner publishes to a PEP service");
                return publish(iq, session, action, extra);
            }
            case "retract" -> {
                requireSet(get);
                requireOwner(own, "only the owner retracts from a PEP service");
                return retract(iq, action);
            }
            case "create" -> {
                requireSet(get);
                requireOwner(own, "only the owner creates nodes in a PEP service");
                if (extra != null && !extra.name().equals("configure")) {
                    throw PubsubException.badRequest(null, "create goes with configure only");
                }
                return create(iq, session, node, extra);
            }
            case "items" -> {
                requireAlone(extra);
                if (!get) {
                    throw PubsubException.badRequest(null, "items are retrieved with get");
                }
                return items(iq, service, action);
            }
            case "subscriptions" -> {
                requireAlone(extra);
                return Mono.just(iq.resultReply(Element.builder("pubsub", Pubsub.NAMESPACE)
                        .child(Element.of("subscriptions", Pubsub.NAMESPACE)).build()));
            }
            case "affiliations" -> {
                requireAlone(extra);
                return affiliations(iq, service, own);
            }
            case "subscribe", "unsubscribe", "options" ->
                    throw PubsubException.unsupported("subscribe");
            default -> throw PubsubException.badRequest(null, "unknown pubsub action " + action.name());
        }
    }

    private Mono<Element> publish(Stanza iq, ClientSession session, Element publish, Element optionsElement) {
        List<Element> items = publish.children("item", Pubsub.NAMESPACE);
        if (items.isEmpty()) {
            throw PubsubException.badRequest("item-required", "publish one item");
        }
        if (items.size() > 1 || publish.elements().size() != 1) {
            throw PubsubException.badRequest("invalid-payload", "publish one item at a time");
        }
        Element item = items.get(0);
        List<Element> payloads = item.elements();
        if (payloads.isEmpty()) {
            throw PubsubException.badRequest("payload-required", "the item needs a payload");
        }
        if (payloads.size() > 1) {
            throw PubsubException.badRequest("invalid-payload", "an item carries one payload element");
        }
        Map<String, List<String>> options = optionsElement == null ? null : form(optionsElement, Pubsub.PUBLISH_OPTIONS);
        String node = publish.attribute("node");
        return nodes.publish(session.bareJid().toString(), session.username(), session.bareJid().toString(), node,
                        item.attribute("id"), payloads.get(0), options, AccessModel.PRESENCE)
                .flatMap(published -> notifier.published(published.node(), published.item())
                        .then(changed(published.node()))
                        .thenReturn(iq.resultReply(Element.builder("pubsub", Pubsub.NAMESPACE)
                                .child(Element.builder("publish", Pubsub.NAMESPACE).attribute("node", node)
                                        .child(Element.builder("item", Pubsub.NAMESPACE)
                                                .attribute("id", published.item().id()).build())
                                        .build())
                                .build())));
    }

    private Mono<Element> retract(Stanza iq, Element retract) {
        List<Element> items = retract.children("item", Pubsub.NAMESPACE);
        if (items.size() != 1 || items.get(0).attribute("id") == null) {
            throw PubsubException.badRequest("item-required", "retract one item by id");
        }
        String id = items.get(0).attribute("id");
        boolean notify = "true".equals(retract.attribute("notify")) || "1".equals(retract.attribute("notify"));
        return existing(iq.from().bare(), retract.attribute("node"))
                .flatMap(node -> nodes.retract(node, id)
                        .then(notify || node.config().notifyRetract() ? notifier.retracted(node, id) : Mono.empty())
                        .then(changed(node))
                        .thenReturn(iq.resultReply(null)));
    }

    private Mono<Element> create(Stanza iq, ClientSession session, String node, Element configure) {
        if (node == null || node.isEmpty()) {
            throw PubsubException.badRequest("nodeid-required", "PEP nodes have names; instant nodes are not offered");
        }
        NodeConfig config = nodes.defaults(AccessModel.PRESENCE);
        if (configure != null && configure.child("x", DataForm.NAMESPACE) != null) {
            try {
                config = config.with(form(configure, Pubsub.NODE_CONFIG), nodes.maxItemsLimit());
            } catch (IllegalArgumentException e) {
                throw PubsubException.of(Condition.NOT_ACCEPTABLE, e.getMessage());
            }
        }
        return nodes.create(session.bareJid().toString(), node, session.username(), session.bareJid().toString(), config)
                .thenReturn(iq.resultReply(null));
    }

    private Mono<Element> items(Stanza iq, Jid service, Element request) {
        String maxText = request.attribute("max_items");
        long max;
        try {
            max = maxText == null ? Long.MAX_VALUE : Long.parseLong(maxText);
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 1) {
            throw PubsubException.badRequest(null, "max_items is a positive number");
        }
        List<String> ids = new ArrayList<>();
        for (Element item : request.children("item", Pubsub.NAMESPACE)) {
            if (item.attribute("id") == null) {
                throw PubsubException.badRequest("item-required", "an item asked for needs an id");
            }
            ids.add(item.attribute("id"));
        }
        long limit = max;
        return existing(service, request.attribute("node"))
                .flatMap(node -> access.check(node, iq.from().bare()).then(Mono.defer(() ->
                        (ids.isEmpty() ? nodes.items(node, limit).collectList().map(PepFeature::oldestFirst)
                                : nodes.items(node, ids).collectList())
                        .map(found -> itemsReply(iq, node, found)))));
    }

    private static List<PubsubItem> oldestFirst(List<PubsubItem> newestFirst) {
        List<PubsubItem> copy = new ArrayList<>(newestFirst);
        Collections.reverse(copy);
        return copy;
    }

    private static Element itemsReply(Stanza iq, PubsubNode node, List<PubsubItem> found) {
        Element.Builder items = Element.builder("items", Pubsub.NAMESPACE).attribute("node", node.name());
        found.forEach(item -> items.child(item.toElement(Pubsub.NAMESPACE, true)));
        return iq.resultReply(Element.builder("pubsub", Pubsub.NAMESPACE).child(items.build()).build());
    }

    private Mono<Element> affiliations(Stanza iq, Jid service, boolean own) {
        Element.Builder list = Element.builder("affiliations", Pubsub.NAMESPACE);
        if (!own) {
            return Mono.just(iq.resultReply(Element.builder("pubsub", Pubsub.NAMESPACE).child(list.build()).build()));
        }
        return nodes.nodes(service.toString())
                .doOnNext(node -> list.child(Element.builder("affiliation", Pubsub.NAMESPACE)
                        .attribute("node", node.name()).attribute("affiliation", "owner").build()))
                .then(Mono.fromSupplier(() -> iq.resultReply(
                        Element.builder("pubsub", Pubsub.NAMESPACE).child(list.build()).build())));
    }

    private Mono<Void> changed(PubsubNode node) {
        return Flux.fromIterable(listeners.get()).concatMap(l -> l.itemsChanged(node)).then();
    }

    /** The node, or {@code item-not-found}. */
    Mono<PubsubNode> existing(Jid service, String node) {
        if (node == null || node.isEmpty()) {
            return Mono.error(PubsubException.badRequest("nodeid-required", "name the node"));
        }
        return nodes.node(service.toString(), node)
                .switchIfEmpty(Mono.error(PubsubException.of(Condition.ITEM_NOT_FOUND, "no such node")));
    }

    /** The fields of the data form inside {@code parent}, which must be of {@code formType} if it names one. */
    static Map<String, List<String>> form(Element parent, String formType) {
        Element x = parent.child("x", DataForm.NAMESPACE);
        if (x == null) {
            return Map.of();
        }
        Map<String, List<String>> fields = DataForm.submitted(parent);
        if (fields == null) {
            throw PubsubException.badRequest("invalid-options", "submit a form");
        }
        List<String> type = fields.get("FORM_TYPE");
        if (type != null && !type.isEmpty() && !formType.equals(type.get(0))) {
            throw PubsubException.badRequest("invalid-options", "the form must be " + formType);
        }
        return fields;
    }

    private static void requireOwner(boolean own, String text) {
        if (!own) {
            throw PubsubException.of(Condition.FORBIDDEN, text);
        }
    }

    private static void requireSet(boolean get) {
        if (get) {
            throw PubsubException.badRequest(null, "this action is a set");
        }
    }

    private static void requireAlone(Element extra) {
        if (extra != null) {
            throw PubsubException.badRequest(null, "one pubsub action per request");
        }
    }
}
