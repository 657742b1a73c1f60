package im.tandem.feature.disco;

import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers disco#items. The server's items come from every {@link DiscoItemsProvider} in the
 * context (sub-services, command lists); an account's come from the {@link AccountDiscoProvider}s
 * (its PEP nodes).
 */
@Component
public class DiscoItemsHandler implements IqHandler {

    private final ObjectProvider<DiscoItemsProvider> providers;
    private final ObjectProvider<AccountDiscoProvider> accountProviders;

    public DiscoItemsHandler(ObjectProvider<DiscoItemsProvider> providers,
                             ObjectProvider<AccountDiscoProvider> accountProviders) {
        this.providers = providers;
        this.accountProviders = accountProviders;
    }

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
        Element.Builder query = Element.builder("query", ServiceDiscovery.ITEMS).attribute("node", node);
        if (iq.to() == null || !iq.to().isDomain()) {
            Jid account = iq.to() == null ? session.bareJid() : iq.to().bare();
            return Flux.fromStream(accountProviders.orderedStream())
                    .concatMap(p -> p.accountItems(account, node, session))
                    .doOnNext(query::children)
                    .then(Mono.fromSupplier(() -> iq.resultReply(query.build())));
        }
        return Flux.fromStream(providers.orderedStream())
                .concatMap(p -> p.serverItems(node, session))
                .doOnNext(query::children)
                .then(Mono.fromSupplier(() -> iq.resultReply(query.build())));
    }
}
