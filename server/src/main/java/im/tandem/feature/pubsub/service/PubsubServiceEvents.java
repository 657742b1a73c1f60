package im.tandem.feature.pubsub.service;

import im.tandem.admin.MeterNames;
import im.tandem.feature.pubsub.Pubsub;
import im.tandem.feature.pubsub.PubsubItem;
import im.tandem.feature.pubsub.PubsubNode;
import im.tandem.feature.pubsub.PubsubNodes;
import im.tandem.routing.ServiceStanzas;
import im.tandem.stanza.Delay;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Event notifications of the pubsub service: a headline message from the service to each
 * subscribed JID, routed like any service's message (a bare JID reaches the user's available
 * sessions by the delivery rules).
 */
@Component
public class PubsubServiceEvents {

    private final String service;
    private final PubsubNodes nodes;
    private final ServiceStanzas stanzas;
    private final Counter notifications;

    public PubsubServiceEvents(@Value("${tandem.domain:localhost}") String domain, PubsubNodes nodes,
                               ServiceStanzas stanzas, MeterRegistry meters) {
        this.notifications = Counter.builder(MeterNames.PUBSUB_NOTIFICATIONS).tag("service", "pubsub")
                .description("Pubsub service event notifications sent").register(meters);
        this.service = "pubsub." + domain;
        this.nodes = nodes;
        this.stanzas = stanzas;
    }

    public Mono<Void> published(PubsubNode node, PubsubItem item) {
        return toSubscribers(node, items(node, item.toElement(Pubsub.EVENT, node.config().deliverPayloads())));
    }

    public Mono<Void> retracted(PubsubNode node, String id) {
        return toSubscribers(node, items(node, Element.builder("retract", Pubsub.EVENT).attribute("id", id).build()));
    }

    /** {@code delete} or {@code purge}. */
    public Mono<Void> emptied(PubsubNode node, String what) {
        return toSubscribers(node, Element.builder(what, Pubsub.EVENT).attribute("node", node.name()).build());
    }

    /** The last item, to a new subscriber. */
    public Mono<Void> lastItem(PubsubNode node, PubsubItem item, Jid subscriber) {
        Element content = items(node, item.toElement(Pubsub.EVENT, node.config().deliverPayloads()));
        notifications.increment();
        return stanzas.route(Stanza.of(Delay.stamped(message(subscriber.toString(), content), service, item.published())),
                bounce -> { });
    }

    private Mono<Void> toSubscribers(PubsubNode node, Element content) {
        if (!node.config().deliverNotifications()) {
            return Mono.empty();
        }
        return nodes.subscribers(node)
                .doOnNext(jid -> notifications.increment())
                .concatMap(jid -> stanzas.route(Stanza.of(message(jid, content)), bounce -> { }))
                .then();
    }

    private static Element items(PubsubNode node, Element child) {
        return Element.builder("items", Pubsub.EVENT).attribute("node", node.name()).child(child).build();
    }

    private Element message(String to, Element content) {
        return Element.builder("message", Stanza.CLIENT_NAMESPACE).attribute("from", service).attribute("to", to)
                .attribute("type", "headline").attribute("id", UUID.randomUUID().toString())
                .child(Element.builder("event", Pubsub.EVENT).child(content).build()).build();
    }
}
