package im.tandem.feature.pubsub.service;

import im.tandem.feature.disco.DiscoItemsProvider;
import im.tandem.feature.disco.ServiceDiscovery;
import im.tandem.feature.pubsub.PubsubProperties;
import im.tandem.routing.ExternalDomains;
import im.tandem.routing.ServiceStanzas;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Serves the {@code pubsub.<domain>} domain for the router (an {@link ExternalDomains}): iq
 * requests from local users go to {@link PubsubServiceRequests}, their answers back through
 * {@link ServiceStanzas}; everything else sent to the service is dropped. Listed in the server's
 * disco#items.
 */
@Component
public class PubsubServiceDomain implements ExternalDomains, DiscoItemsProvider {

    private static final Logger log = LoggerFactory.getLogger(PubsubServiceDomain.class);

    private final Jid service;
    private final boolean enabled;
    private final PubsubServiceRequests requests;
    private final ServiceStanzas stanzas;

    public PubsubServiceDomain(@Value("${tandem.domain:localhost}") String domain, PubsubProperties properties,
                               PubsubServiceRequests requests, ServiceStanzas stanzas) {
        this.service = Jid.domain("pubsub." + domain);
        this.enabled = properties.serviceEnabled();
        this.requests = requests;
        this.stanzas = stanzas;
    }

    public Jid service() {
        return service;
    }

    @Override
    public Outcome deliver(Element element, Jid to) {
        if (!enabled || !to.domain().equals(service.domain())) {
            return Outcome.UNKNOWN;
        }
        Stanza stanza;
        try {
            stanza = Stanza.of(element);
        } catch (IllegalArgumentException e) {
            return Outcome.DELIVERED;
        }
        if (!stanza.isIqRequest() || stanza.from() == null || stanza.from().local() == null) {
            return Outcome.DELIVERED; // results, errors (bounced notifications), messages and presence: nothing to do
        }
        requests.handle(stanza)
                .flatMap(reply -> stanzas.route(Stanza.of(reply), bounce -> { }))
                .subscribe(null, e -> log.warn("pubsub service request failed: {}", stanza, e));
        return Outcome.DELIVERED;
    }

    @Override
    public Mono<List<Element>> serverItems(String node, ClientSession requester) {
        if (!enabled || node != null) {
            return Mono.just(List.of());
        }
        return Mono.just(List.of(Element.builder("item", ServiceDiscovery.ITEMS).attribute("jid", service.toString())
                .attribute("name", "Publish-subscribe").build()));
    }
}
