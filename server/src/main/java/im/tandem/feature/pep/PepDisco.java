package im.tandem.feature.pep;

import im.tandem.feature.disco.AccountDiscoProvider;
import im.tandem.feature.disco.ServiceDiscovery;
import im.tandem.feature.pubsub.Pubsub;
import im.tandem.feature.pubsub.PubsubNodes;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import im.tandem.xml.Element;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Disco of an account's PEP nodes: the account's disco#items lists the nodes the requester may
 * see, and a node's disco#info says it is a leaf node (XEP-0060 section 5.3); a node the
 * requester may not see is answered as if it did not exist.
 */
@Component
public class PepDisco implements AccountDiscoProvider {

    private final PubsubNodes nodes;
    private final PepAccess access;

    public PepDisco(PubsubNodes nodes, PepAccess access) {
        this.nodes = nodes;
        this.access = access;
    }

    @Override
    public Mono<Element> nodeInfo(Jid account, String node, ClientSession requester) {
        return nodes.node(account.toString(), node)
                .filterWhen(n -> access.allowed(n, requester.bareJid()))
                .map(n -> Element.builder("query", ServiceDiscovery.INFO).attribute("node", node)
                        .child(Element.builder("identity", ServiceDiscovery.INFO).attribute("category", "pubsub")
                                .attribute("type", "leaf").build())
                        .child(Element.builder("feature", ServiceDiscovery.INFO).attribute("var", Pubsub.NAMESPACE).build())
                        .child(Element.builder("feature", ServiceDiscovery.INFO).attribute("var", ServiceDiscovery.INFO).build())
                        .build());
    }

    @Override
    public Mono<List<Element>> accountItems(Jid account, String node, ClientSession requester) {
        if (node != null) {
            return Mono.just(List.of());
        }
        return nodes.nodes(account.toString())
                .filterWhen(n -> access.allowed(n, requester.bareJid()))
                .map(n -> Element.builder("item", ServiceDiscovery.ITEMS).attribute("jid", account.toString())
                        .attribute("node", n.name()).build())
                .collectList();
    }
}
