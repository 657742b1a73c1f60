package im.tandem.feature.pep;

import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.feature.pubsub.AccessModel;
import im.tandem.feature.pubsub.Pubsub;
import im.tandem.feature.pubsub.PubsubException;
import im.tandem.feature.pubsub.PubsubNode;
import im.tandem.feature.pubsub.PubsubNodes;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError.Condition;
import im.tandem.xml.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Serves {@code <pubsub xmlns='http://jabber.org/protocol/pubsub#owner'/>} at the owner's own
 * account: node configuration (get and set the form), the default configuration, deletion,
 * purge and affiliations (the whitelist). Anyone else is {@code forbidden}.
 */
@Component
public class PepOwnerHandler implements IqHandler {

    private static final Set<String> AFFILIATIONS = Set.of("member", "publisher", "outcast", "none");

    private final PubsubNodes nodes;
    private final PepFeature pep;
    private final PepNotifier notifier;

    public PepOwnerHandler(PubsubNodes nodes, PepFeature pep, PepNotifier notifier) {
        this.nodes = nodes;
        this.pep = pep;
        this.notifier = notifier;
    }

    @Override
    public String element() {
        return "pubsub";
    }

    @Override
    public String namespace() {
        return Pubsub.OWNER;
    }

    @Override
    public Set<IqTarget> targets() {
        return Set.of(IqTarget.OWN_ACCOUNT, IqTarget.OTHER_ACCOUNT);
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        return Mono.defer(() -> dispatch(iq, session))
                .onErrorResume(PubsubException.class, e -> Mono.just(e.reply(iq)));
    }

    private Mono<Element> dispatch(Stanza iq, ClientSession session) {
        if (iq.to() != null && !iq.to().bare().equals(session.bareJid())) {
            throw PubsubException.of(Condition.FORBIDDEN, "only the owner manages a PEP service");
        }
        List<Element> children = iq.payload().elements();
        if (children.size() != 1) {
            throw PubsubException.badRequest(null, "one owner action per request");
        }
        Element action = children.get(0);
        boolean get = "get".equals(iq.type());
        Jid service = session.bareJid();
        if (action.name().equals("default")) {
            return Mono.just(iq.resultReply(Element.builder("pubsub", Pubsub.OWNER)
                    .child(Element.builder("default", Pubsub.OWNER)
                            .child(nodes.defaults(AccessModel.PRESENCE).toForm("form")).build()).build()));
        }
        Mono<PubsubNode> node = pep.existing(service, action.attribute("node"));
        return switch (action.name()) {
            case "configure" -> get
                    ? node.map(n -> iq.resultReply(Element.builder("pubsub", Pubsub.OWNER)
                            .child(Element.builder("configure", Pubsub.OWNER).attribute("node", n.name())
                                    .child(n.config().toForm("form")).build()).build()))
                    : configure(iq, action, node);
            case "delete" -> set(get).then(node).flatMap(n -> nodes.delete(n)
                    .then(n.config().notifyDelete() ? notifier.emptied(n, "delete") : Mono.empty())
                    .thenReturn(iq.resultReply(null)));
            case "purge" -> set(get).then(node).flatMap(n -> nodes.purge(n)
                    .then(n.config().notifyRetract() ? notifier.emptied(n, "purge") : Mono.empty())
                    .thenReturn(iq.resultReply(null)));
            case "affiliations" -> get ? node.flatMap(n -> affiliations(iq, n)) : node.flatMap(n -> setAffiliations(iq, action, n));
            default -> throw PubsubException.badRequest(null, "unknown owner action " + action.name());
        };
    }

    private Mono<Element> configure(Stanza iq, Element configure, Mono<PubsubNode> node) {
        Element x = configure.child("x", im.tandem.feature.adhoc.DataForm.NAMESPACE);
        if (x != null && "cancel".equals(x.attribute("type"))) {
            return node.thenReturn(iq.resultReply(null));
        }
        var fields = PepFeature.form(configure, Pubsub.NODE_CONFIG);
        if (x == null) {
            throw PubsubException.badRequest(null, "submit the configuration form");
        }
        return node.flatMap(n -> nodes.configure(n, fields)).thenReturn(iq.resultReply(null));
    }

    private Mono<Element> affiliations(Stanza iq, PubsubNode node) {
        List<Element> list = new ArrayList<>();
        list.add(affiliation(node.owner(), "owner"));
        return nodes.affiliations(node).doOnNext(pair -> list.add(affiliation(pair.get(0), pair.get(1))))
                .then(Mono.fromSupplier(() -> iq.resultReply(Element.builder("pubsub", Pubsub.OWNER)
                        .child(Element.builder("affiliations", Pubsub.OWNER).attribute("node", node.name())
                                .children(list).build()).build())));
    }

    private Mono<Element> setAffiliations(Stanza iq, Element request, PubsubNode node) {
        List<String[]> changes = new ArrayList<>();
        for (Element a : request.children("affiliation", Pubsub.OWNER)) {
            Jid jid = a.attribute("jid") == null ? null : Jid.tryParse(a.attribute("jid")).orElse(null);
            String affiliation = a.attribute("affiliation");
            if (jid == null || !AFFILIATIONS.contains(affiliation)) {
                throw PubsubException.badRequest(null, "each affiliation needs a valid jid and affiliation");
            }
            if (jid.bare().toString().equals(node.owner())) {
                throw PubsubException.of(Condition.NOT_ACCEPTABLE, "the owner stays the owner");
            }
            changes.add(new String[] {jid.bare().toString(), affiliation});
        }
        return Flux.fromIterable(changes).concatMap(c -> nodes.setAffiliation(node, c[0], c[1]))
                .then(Mono.fromSupplier(() -> iq.resultReply(null)));
    }

    private static Element affiliation(String jid, String affiliation) {
        return Element.builder("affiliation", Pubsub.OWNER).attribute("jid", jid).attribute("affiliation", affiliation).build();
    }

    private static Mono<Void> set(boolean get) {
        return get ? Mono.error(PubsubException.badRequest(null, "this action is a set")) : Mono.empty();
    }
}
