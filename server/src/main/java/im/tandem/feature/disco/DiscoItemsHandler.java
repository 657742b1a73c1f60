package im.tandem.feature.disco;

import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Answers disco#items. The server has no sub-services (conference, pubsub, upload) yet, so
 * the list is empty; an account's items are its own business (PEP nodes, later).
 */
@Component
public class DiscoItemsHandler implements IqHandler {

    @Override
    public String element() {
        return "query";
    }

    @Override
    public String namespace() {
        return ServiceDiscovery.ITEMS;
    }

    @Override
    public Set<IqTarget> targets() {
        return Set.of(IqTarget.SERVER, IqTarget.OWN_ACCOUNT, IqTarget.OTHER_ACCOUNT);
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        if (!"get".equals(iq.type())) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.NOT_ALLOWED)));
        }
        String node = iq.payload().attribute("node");
        return Mono.just(iq.resultReply(Element.builder("query", ServiceDiscovery.ITEMS).attribute("node", node).build()));
    }
}
