package im.tandem.feature.upload;

import im.tandem.feature.disco.DiscoItemsProvider;
import im.tandem.feature.disco.ServiceDiscovery;
import im.tandem.routing.ExternalDomains;
import im.tandem.routing.ServiceStanzas;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The upload service's XMPP side at {@code upload.<domain>}: disco#info (identity store/file,
 * the feature and the {@code max-file-size} form of XEP-0363 section 3), slot requests from
 * local accounts, and its item in the server's disco#items. Answers go back through
 * {@link ServiceStanzas}; anything else addressed to the service gets
 * {@code service-unavailable} (iq requests) or is dropped.
 */
@Component
public class HttpUploadFeature implements ExternalDomains, DiscoItemsProvider {

    private static final Logger log = LoggerFactory.getLogger(HttpUploadFeature.class);
    private static final String DATA = "jabber:x:data";

    private final UploadProperties properties;
    private final UploadSlots slots;
    private final ServiceStanzas out;
    private final UploadMetrics metrics;
    private final String serverDomain;
    private final String serviceDomain;

    public HttpUploadFeature(UploadProperties properties, UploadSlots slots, ServiceStanzas out, UploadMetrics metrics,
                             @Value("${tandem.domain:localhost}") String serverDomain) {
        this.properties = properties;
        this.slots = slots;
        this.out = out;
        this.metrics = metrics;
        this.serverDomain = serverDomain;
        this.serviceDomain = properties.serviceDomain(serverDomain);
    }

    /** The service's JID. */
    public String serviceDomain() {
        return serviceDomain;
    }

    @Override
    public Outcome deliver(Element element, Jid to) {
        if (!properties.enabled() || !serviceDomain.equals(to.domain())) {
            return Outcome.UNKNOWN;
        }
        Stanza stanza;
        try {
            stanza = Stanza.of(element);
        } catch (IllegalArgumentException e) {
            return Outcome.DELIVERED; // nothing sensible to answer
        }
        if (!stanza.isIqRequest() || stanza.from() == null) {
            return Outcome.DELIVERED; // presence, messages and iq answers mean nothing to the service
        }
        Mono.defer(() -> handle(stanza))
                .flatMap(reply -> out.route(Stanza.of(reply), null))
                .onErrorResume(e -> {
                    log.warn("upload service could not answer {}", stanza.id(), e);
                    return out.route(Stanza.of(stanza.errorReply(StanzaError.of(StanzaError.Condition.INTERNAL_SERVER_ERROR))), null);
                })
                .subscribe();
        return Outcome.DELIVERED;
    }

    private Mono<Element> handle(Stanza iq) {
        Element payload = iq.payload();
        if (payload == null || iq.to().local() != null || iq.to().resource() != null) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE)));
        }
        if ("get".equals(iq.type()) && payload.is("query", ServiceDiscovery.INFO)) {
            return Mono.just(payload.attribute("node") == null ? iq.resultReply(info())
                    : iq.errorReply(StanzaError.of(StanzaError.Condition.ITEM_NOT_FOUND)));
        }
        if ("get".equals(iq.type()) && payload.is("query", ServiceDiscovery.ITEMS)) {
            return Mono.just(iq.resultReply(Element.builder("query", ServiceDiscovery.ITEMS)
                    .attribute("node", payload.attribute("node")).build()));
        }
        if ("get".equals(iq.type()) && payload.is("request", UploadSlots.NAMESPACE)) {
            Jid from = iq.from();
            if (from.local() == null || !serverDomain.equals(from.domain())) {
                metrics.rejected(UploadMetrics.Reason.FORBIDDEN);
                return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.FORBIDDEN,
                        "only accounts of " + serverDomain + " may upload here")));
            }
            return slots.request(iq, from.bare());
        }
        return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE)));
    }

    Element info() {
        return Element.builder("query", ServiceDiscovery.INFO)
                .child(Element.builder("identity", ServiceDiscovery.INFO).attribute("category", "store")
                        .attribute("type", "file").attribute("name", "HTTP File Upload").build())
                .child(Element.builder("feature", ServiceDiscovery.INFO).attribute("var", ServiceDiscovery.INFO).build())
                .child(Element.builder("feature", ServiceDiscovery.INFO).attribute("var", UploadSlots.NAMESPACE).build())
                .child(Element.builder("x", DATA).attribute("type", "result")
                        .child(Element.builder("field", DATA).attribute("var", "FORM_TYPE").attribute("type", "hidden")
                                .textChild("value", DATA, UploadSlots.NAMESPACE).build())
                        .child(Element.builder("field", DATA).attribute("var", "max-file-size")
                                .textChild("value", DATA, Long.toString(properties.maxFileSize().toBytes())).build())
                        .build())
                .build();
    }

    @Override
    public Mono<List<Element>> serverItems(String node, ClientSession requester) {
        if (node != null || !properties.enabled()) {
            return Mono.just(List.of());
        }
        return Mono.just(List.of(Element.builder("item", ServiceDiscovery.ITEMS).attribute("jid", serviceDomain)
                .attribute("name", "HTTP File Upload").build()));
    }
}
