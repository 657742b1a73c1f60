package im.tandem.feature.socks5;

import im.tandem.feature.disco.DiscoItemsProvider;
import im.tandem.feature.disco.ServiceDiscovery;
import im.tandem.routing.ExternalDomains;
import im.tandem.routing.ServiceStanzas;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The proxy's XMPP side at {@code proxy.<domain>}: disco#info (identity proxy/bytestreams), the
 * streamhost query (section 6.3.1 "discovering the network address") and the initiator's
 * activation (section 6.3.5), for local accounts only; and its item in the server's disco#items.
 * An activation matches only the hash of SID, the requester's own full JID and the target, so
 * nobody but the initiator can activate; the target trying is told {@code forbidden}.
 */
@Component
public class Socks5ProxyFeature implements ExternalDomains, DiscoItemsProvider {

    public static final String NAMESPACE = "http://jabber.org/protocol/bytestreams";

    private final Socks5Properties properties;
    private final Socks5Relay relay;
    private final Socks5Server server;
    private final ServiceStanzas out;
    private final String serverDomain;
    private final String serviceDomain;

    public Socks5ProxyFeature(Socks5Properties properties, Socks5Relay relay, Socks5Server server, ServiceStanzas out,
                              @Value("${tandem.domain:localhost}") String serverDomain) {
        this.properties = properties;
        this.relay = relay;
        this.server = server;
        this.out = out;
        this.serverDomain = serverDomain;
        this.serviceDomain = properties.serviceDomain(serverDomain);
    }

    @Override
    public Outcome deliver(Element element, Jid to) {
        if (!properties.enabled() || !serviceDomain.equals(to.domain())) {
            return Outcome.UNKNOWN;
        }
        Stanza iq;
        try {
            iq = Stanza.of(element);
        } catch (IllegalArgumentException e) {
            return Outcome.DELIVERED;
        }
        if (iq.isIqRequest() && iq.from() != null) {
            Stanza request = iq;
            Mono.fromCallable(() -> answer(request)).flatMap(reply -> out.route(Stanza.of(reply), null)).subscribe();
        }
        return Outcome.DELIVERED;
    }

    Element answer(Stanza iq) {
        Element payload = iq.payload();
        if (payload == null || iq.to().local() != null || iq.to().resource() != null) {
            return iq.errorReply(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE));
        }
        boolean get = "get".equals(iq.type());
        if (get && payload.is("query", ServiceDiscovery.INFO)) {
            return payload.attribute("node") != null ? iq.errorReply(StanzaError.of(StanzaError.Condition.ITEM_NOT_FOUND))
                    : iq.resultReply(Element.builder("query", ServiceDiscovery.INFO)
                            .child(Element.builder("identity", ServiceDiscovery.INFO).attribute("category", "proxy")
                                    .attribute("type", "bytestreams").attribute("name", "SOCKS5 Bytestreams Service").build())
                            .child(Element.builder("feature", ServiceDiscovery.INFO).attribute("var", ServiceDiscovery.INFO).build())
                            .child(Element.builder("feature", ServiceDiscovery.INFO).attribute("var", NAMESPACE).build())
                            .build());
        }
        if (get && payload.is("query", ServiceDiscovery.ITEMS)) {
            return iq.resultReply(Element.builder("query", ServiceDiscovery.ITEMS).attribute("node", payload.attribute("node")).build());
        }
        if (!payload.is("query", NAMESPACE)) {
            return iq.errorReply(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE));
        }
        Jid from = iq.from();
        if (from.local() == null || !serverDomain.equals(from.domain()) || server.port() < 0) {
            return iq.errorReply(StanzaError.of(StanzaError.Condition.FORBIDDEN, "the proxy serves accounts of " + serverDomain));
        }
        if (get) {
            return iq.resultReply(Element.builder("query", NAMESPACE)
                    .child(Element.builder("streamhost", NAMESPACE).attribute("jid", serviceDomain)
                            .attribute("host", properties.streamHost(serverDomain))
                            .attribute("port", Integer.toString(server.port())).build())
                    .build());
        }
        return activate(iq, from, payload);
    }

    private Element activate(Stanza iq, Jid initiator, Element query) {
        String sid = query.attribute("sid");
        String targetText = query.childText("activate", NAMESPACE);
        Jid target = targetText == null ? null : Jid.tryParse(targetText.strip()).orElse(null);
        if (sid == null || sid.isEmpty() || sid.length() > 1024 || target == null || !initiator.isFull()) {
            return iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST, "give a sid and the target JID to activate"));
        }
        return switch (relay.activate(hash(sid, initiator.toString(), target.toString()))) {
            case ACTIVATED -> iq.resultReply(null);
            case PEER_MISSING -> iq.errorReply(StanzaError.of(StanzaError.Condition.NOT_ALLOWED,
                    "the initiator has not connected to the proxy yet"));
            case UNKNOWN -> relay.isPending(hash(sid, target.toString(), initiator.toString()))
                    ? iq.errorReply(StanzaError.of(StanzaError.Condition.FORBIDDEN, "only the initiator may activate"))
                    : iq.errorReply(StanzaError.of(StanzaError.Condition.ITEM_NOT_FOUND, "no such bytestream is waiting"));
        };
    }

    /** The SOCKS5 DOMAINNAME of XEP-0065 section 5.3.2: hex SHA-1 of SID, initiator and target. */
    static String hash(String sid, String initiator, String target) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((sid + initiator + target).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Mono<List<Element>> serverItems(String node, ClientSession requester) {
        if (node != null || !properties.enabled()) {
            return Mono.just(List.of());
        }
        return Mono.just(List.of(Element.builder("item", ServiceDiscovery.ITEMS).attribute("jid", serviceDomain)
                .attribute("name", "SOCKS5 Bytestreams Service").build()));
    }
}
