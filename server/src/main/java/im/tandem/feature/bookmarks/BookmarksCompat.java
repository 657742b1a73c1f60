package im.tandem.feature.bookmarks;

import im.tandem.feature.XmppFeature;
import im.tandem.feature.pep.PepChangeListener;
import im.tandem.feature.pep.PepNotifier;
import im.tandem.feature.privatestorage.PrivateXmlListener;
import im.tandem.feature.pubsub.AccessModel;
import im.tandem.feature.pubsub.NodeConfig;
import im.tandem.feature.pubsub.PubsubItem;
import im.tandem.feature.pubsub.PubsubNode;
import im.tandem.feature.pubsub.PubsubNodes;
import im.tandem.stanza.Jid;
import im.tandem.store.PrivateXmlStore;
import im.tandem.store.XmlFragments;
import im.tandem.xml.Element;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps XEP-0048 private-storage bookmarks and XEP-0402 PEP bookmarks the same: storing
 * {@code <storage xmlns='storage:bookmarks'/>} publishes each conference as an item (and
 * retracts the ones gone), notifying the user's devices; publishing or retracting a
 * {@code urn:xmpp:bookmarks:1} item rewrites the private-storage element (keeping its URLs).
 */
@Component
public class BookmarksCompat implements XmppFeature, PrivateXmlListener, PepChangeListener {

    private static final Logger log = LoggerFactory.getLogger(BookmarksCompat.class);

    public static final String NODE = "urn:xmpp:bookmarks:1";
    public static final String LEGACY = "storage:bookmarks";
    public static final String COMPAT = NODE + "#compat";

    private static final Map<String, List<String>> NODE_OPTIONS = Map.of(
            NodeConfig.ACCESS_MODEL, List.of("whitelist"),
            NodeConfig.MAX_ITEMS, List.of("max"),
            NodeConfig.SEND_LAST, List.of("never"));

    private final String domain;
    private final PubsubNodes nodes;
    private final PepNotifier notifier;
    private final PrivateXmlStore privateXml;

    public BookmarksCompat(@Value("${tandem.domain:localhost}") String domain, PubsubNodes nodes,
                           PepNotifier notifier, PrivateXmlStore privateXml) {
        this.domain = domain;
        this.nodes = nodes;
        this.notifier = notifier;
        this.privateXml = privateXml;
    }

    @Override
    public List<String> accountFeatures() {
        return List.of(COMPAT);
    }

    /** Private storage to PEP. */
    @Override
    public Mono<Void> stored(String username, Element element) {
        if (!element.is("storage", LEGACY)) {
            return Mono.empty();
        }
        String service = Jid.of(username, domain, null).toString();
        Map<String, Element> wanted = new LinkedHashMap<>();
        for (Element conference : element.children("conference", LEGACY)) {
            Jid room = conference.attribute("jid") == null ? null : Jid.tryParse(conference.attribute("jid")).orElse(null);
            if (room != null && room.isBare() && room.local() != null
                    && room.toString().length() <= PubsubNodes.MAX_ID_LENGTH) {
                wanted.put(room.toString(), toNative(conference));
            }
        }
        Mono<Void> retractGone = nodes.node(service, NODE).flatMap(node -> nodes.items(node, nodes.maxItemsLimit())
                .map(PubsubItem::id).filter(id -> !wanted.containsKey(id))
                .concatMap(id -> nodes.retract(node, id).then(notifier.retracted(node, id)))
                .then());
        return retractGone.thenMany(Flux.fromIterable(wanted.entrySet()))
                .concatMap(e -> nodes.node(service, NODE).hasElement()
                        .flatMap(exists -> nodes.publish(service, username, service, NODE, e.getKey(), e.getValue(),
                                exists ? null : NODE_OPTIONS, AccessModel.WHITELIST))
                        .flatMap(published -> notifier.published(published.node(), published.item())))
                .then()
                // the private-storage copy is stored already; a PEP limit must not fail the client's request
                .onErrorResume(e -> {
                    log.debug("bookmarks of {} not copied to PEP", username, e);
                    return Mono.empty();
                });
    }

    /** PEP to private storage. */
    @Override
    public Mono<Void> itemsChanged(PubsubNode node) {
        if (!NODE.equals(node.name())) {
            return Mono.empty();
        }
        String username = Jid.parse(node.owner()).local();
        Mono<List<Element>> urls = privateXml.get(username, LEGACY).map(XmlFragments::parse)
                .map(old -> old.children("url", LEGACY)).defaultIfEmpty(List.of());
        return Mono.zip(nodes.items(node, nodes.maxItemsLimit()).collectList(), urls).flatMap(t -> {
            Element.Builder storage = Element.builder("storage", LEGACY);
            List<PubsubItem> items = new java.util.ArrayList<>(t.getT1());
            java.util.Collections.reverse(items);
            for (PubsubItem item : items) {
                if (item.payload() != null && item.payload().is("conference", NODE)) {
                    storage.child(toLegacy(item.id(), item.payload()));
                }
            }
            t.getT2().forEach(storage::child);
            return privateXml.put(username, LEGACY, XmlFragments.serialize(storage.build()));
        }).onErrorResume(e -> {
            log.debug("bookmarks of {} not copied to private storage", username, e);
            return Mono.empty();
        });
    }

    static Element toNative(Element legacy) {
        return Element.builder("conference", NODE)
                .attribute("name", legacy.attribute("name"))
                .attribute("autojoin", truthy(legacy.attribute("autojoin")) ? "true" : null)
                .textChild("nick", NODE, legacy.childText("nick", LEGACY))
                .textChild("password", NODE, legacy.childText("password", LEGACY))
                .build();
    }

    static Element toLegacy(String jid, Element conference) {
        return Element.builder("conference", LEGACY)
                .attribute("jid", jid)
                .attribute("name", conference.attribute("name"))
                .attribute("autojoin", truthy(conference.attribute("autojoin")) ? "true" : "false")
                .textChild("nick", LEGACY, conference.childText("nick", NODE))
                .textChild("password", LEGACY, conference.childText("password", NODE))
                .build();
    }

    private static boolean truthy(String value) {
        return "true".equals(value) || "1".equals(value);
    }

}
