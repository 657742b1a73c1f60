package im.tandem.feature.privatestorage;

import im.tandem.config.LazyBeans;
import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.feature.XmppFeature;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.store.PrivateXmlStore;
import im.tandem.store.XmlFragments;
import im.tandem.xml.Element;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Serves {@code <query xmlns='jabber:iq:private'/>} for the user's own account: a set stores
 * each child element under its namespace, replacing what was there; a get returns the
 * stored element or, if none, the empty element that was asked for (XEP-0049 section 2).
 * Requests to another user's account are {@code forbidden}; elements in {@code jabber:*}
 * namespaces are {@code not-acceptable}, as the XEP reserves them.
 */
@Component
public class PrivateStorageFeature implements XmppFeature, IqHandler {

    public static final String NAMESPACE = "jabber:iq:private";

    private final PrivateXmlStore store;
    private final PrivateStorageProperties properties;

    private final LazyBeans<PrivateXmlListener> listeners;

    public PrivateStorageFeature(PrivateXmlStore store, PrivateStorageProperties properties,
                                 ObjectProvider<PrivateXmlListener> listeners) {
        this.store = store;
        this.properties = properties;
        this.listeners = LazyBeans.of(listeners);
    }

    @Override
    public List<String> accountFeatures() {
        return List.of(NAMESPACE);
    }

    @Override
    public String element() {
        return "query";
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public Set<IqTarget> targets() {
        // OTHER_ACCOUNT is served only to refuse it with forbidden rather than service-unavailable
        return Set.of(IqTarget.OWN_ACCOUNT, IqTarget.OTHER_ACCOUNT);
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        if (iq.to() != null && !iq.to().equals(session.bareJid())) {
            return error(iq, StanzaError.Condition.FORBIDDEN, "private storage belongs to its owner alone");
        }
        List<Element> elements = iq.payload().elements();
        if (elements.isEmpty()) {
            return error(iq, StanzaError.Condition.BAD_REQUEST, "the query names no element");
        }
        for (Element element : elements) {
            if (element.namespace().isEmpty() || element.namespace().startsWith("jabber:")) {
                return error(iq, StanzaError.Condition.NOT_ACCEPTABLE,
                        "namespace not available for private storage: " + element.namespace());
            }
        }
        return "get".equals(iq.type()) ? get(iq, session, elements.get(0)) : set(iq, session, elements);
    }

    private Mono<Element> get(Stanza iq, ClientSession session, Element requested) {
        if (iq.payload().elements().size() != 1) {
            return error(iq, StanzaError.Condition.BAD_REQUEST, "ask for one element at a time");
        }
        return store.get(session.username(), requested.namespace())
                .map(XmlFragments::parse)
                .defaultIfEmpty(Element.of(requested.name(), requested.namespace()))
                .map(found -> iq.resultReply(Element.builder("query", NAMESPACE).child(found).build()));
    }

    private Mono<Element> set(Stanza iq, ClientSession session, List<Element> elements) {
        Map<String, String> byNamespace = new LinkedHashMap<>();
        Map<String, Element> stored = new LinkedHashMap<>();
        for (Element element : elements) {
            stored.put(element.namespace(), element);
            String xml = XmlFragments.serialize(element);
            if (xml.getBytes(StandardCharsets.UTF_8).length > properties.maxSize().toBytes()) {
                return error(iq, StanzaError.Condition.NOT_ACCEPTABLE,
                        "element exceeds " + properties.maxSize().toKilobytes() + " KiB");
            }
            byNamespace.put(element.namespace(), xml);
        }
        return Flux.fromIterable(new ArrayList<>(byNamespace.entrySet()))
                .concatMap(e -> store.put(session.username(), e.getKey(), e.getValue()))
                .thenMany(Flux.fromIterable(stored.values()))
                .concatMap(element -> Flux.fromIterable(listeners.get())
                        .concatMap(l -> l.stored(session.username(), element)))
                .then(Mono.fromSupplier(() -> iq.resultReply(null)));
    }

    private static Mono<Element> error(Stanza iq, StanzaError.Condition condition, String text) {
        return Mono.just(iq.errorReply(StanzaError.of(condition, text)));
    }
}
