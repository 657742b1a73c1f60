package im.tandem.feature.disco;

import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.feature.XmppFeature;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers disco#info for the server (also at its caps node) and for accounts, and
 * advertises the server's caps hash as a stream feature.
 */
@Component
public class DiscoInfoHandler implements IqHandler, XmppFeature {

    private final ServiceDiscovery discovery;
    private final ObjectProvider<AccountDiscoProvider> accountNodes;

    public DiscoInfoHandler(ServiceDiscovery discovery, ObjectProvider<AccountDiscoProvider> accountNodes) {
        this.discovery = discovery;
        this.accountNodes = accountNodes;
    }

    @Override
    public String element() {
        return "query";
    }

    @Override
    public String namespace() {
        return ServiceDiscovery.INFO;
    }

    @Override
    public Set<IqTarget> targets() {
        return Set.of(IqTarget.SERVER, IqTarget.OWN_ACCOUNT, IqTarget.OTHER_ACCOUNT);
    }

    @Override
    public List<Element> postAuthStreamFeatures() {
        return List.of(Element.builder("c", ServiceDiscovery.CAPS).attribute("hash", "sha-1")
                .attribute("node", ServiceDiscovery.CAPS_NODE).attribute("ver", discovery.serverCapsVer()).build());
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        if (!"get".equals(iq.type())) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.NOT_ALLOWED)));
        }
        String node = iq.payload().attribute("node");
        boolean toServer = iq.to() != null && iq.to().isDomain();
        if (toServer) {
            if (node == null) {
                return Mono.just(iq.resultReply(discovery.serverInfo()));
            }
            if (node.equals(ServiceDiscovery.CAPS_NODE + "#" + discovery.serverCapsVer())) {
                return Mono.just(iq.resultReply(discovery.serverInfo().withAttribute("node", node)));
            }
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.ITEM_NOT_FOUND)));
        }
        if (node != null) {
            Jid account = iq.to() == null ? session.bareJid() : iq.to().bare();
            return Flux.fromStream(accountNodes.orderedStream())
                    .concatMap(p -> p.nodeInfo(account, node, session))
                    .next()
                    .map(iq::resultReply)
                    .defaultIfEmpty(iq.errorReply(StanzaError.of(StanzaError.Condition.ITEM_NOT_FOUND)));
        }
        return Mono.just(iq.resultReply(discovery.accountInfo()));
    }
}
