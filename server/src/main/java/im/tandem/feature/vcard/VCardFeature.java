package im.tandem.feature.vcard;

import im.tandem.config.LazyBeans;
import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.feature.XmppFeature;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.store.VCardStore;
import im.tandem.store.XmlFragments;
import im.tandem.xml.Element;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Serves {@code <vCard xmlns='vcard-temp'/>}: a user reads and writes their own vCard and
 * reads anyone's; a user without one has an empty vCard (XEP-0054 section 3.1). Setting an
 * empty vCard removes it.
 */
@Component
public class VCardFeature implements XmppFeature, IqHandler {

    public static final String NAMESPACE = "vcard-temp";
    public static final String ELEMENT = "vCard";

    private final VCardStore store;
    private final VCardProperties properties;

    private final LazyBeans<VCardListener> listeners;

    public VCardFeature(VCardStore store, VCardProperties properties, ObjectProvider<VCardListener> listeners) {
        this.store = store;
        this.properties = properties;
        this.listeners = LazyBeans.of(listeners);
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(NAMESPACE);
    }

    /** Clients such as Smack look for vcard-temp on the account they want the vCard of. */
    @Override
    public List<String> accountFeatures() {
        return List.of(NAMESPACE);
    }

    @Override
    public String element() {
        return ELEMENT;
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public Set<IqTarget> targets() {
        return Set.of(IqTarget.OWN_ACCOUNT, IqTarget.OTHER_ACCOUNT);
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        boolean own = iq.to() == null || iq.to().equals(session.bareJid());
        String owner = own ? session.username() : iq.to().local();
        if ("get".equals(iq.type())) {
            return store.get(owner)
                    .map(XmlFragments::parse)
                    .defaultIfEmpty(Element.of(ELEMENT, NAMESPACE))
                    .map(iq::resultReply);
        }
        if (!own) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.FORBIDDEN,
                    "only the owner may change a vCard")));
        }
        Element vcard = iq.payload();
        if (vcard.elements().isEmpty()) {
            return store.delete(owner).then(told(owner, vcard)).thenReturn(iq.resultReply(null));
        }
        String xml = XmlFragments.serialize(vcard);
        if (xml.getBytes(StandardCharsets.UTF_8).length > properties.maxSize().toBytes()) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.NOT_ACCEPTABLE,
                    "the vCard exceeds " + properties.maxSize().toKilobytes() + " KiB")));
        }
        return store.put(owner, xml).then(told(owner, vcard)).thenReturn(iq.resultReply(null));
    }

    private Mono<Void> told(String owner, Element vcard) {
        return Flux.fromIterable(listeners.get()).concatMap(l -> l.stored(owner, vcard)).then();
    }
}
