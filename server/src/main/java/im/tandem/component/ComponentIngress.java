package im.tandem.component;

import im.tandem.routing.ServiceStanzas;
import im.tandem.routing.StanzaRouter;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import im.tandem.stanza.JidFormatException;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.stanza.StreamError;
import im.tandem.stanza.StreamErrorCondition;
import im.tandem.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Routes what a component sends. Its {@code from} must be in the component's own domain, or, for a gateway, a hybrid user's JID: such a message is routed as
 * sent by that user's hybrid session, exactly like one from a device of the user; any other
 * {@code from} is refused with {@code forbidden} (a stanza error, so that one bad address does
 * not cut every user of a gateway off). Stanzas without {@code to} or {@code from} end the
 * stream ({@code improper-addressing}, RFC 6120 4.9.3.14).
 */
@Component
public class ComponentIngress {

    private static final Logger log = LoggerFactory.getLogger(ComponentIngress.class);

    private final Jid domain;
    private final ExternalComponents components;
    private final HybridSessions hybrid;
    private final ServiceStanzas service;
    private final ObjectProvider<StanzaRouter> router;

    public ComponentIngress(ExternalComponents components, HybridSessions hybrid, ServiceStanzas service,
                            ObjectProvider<StanzaRouter> router) {
        this.domain = Jid.domain(components.serverDomain());
        this.components = components;
        this.hybrid = hybrid;
        this.service = service;
        this.router = router;
    }

    Mono<Void> route(Element element, ComponentStream from) {
        Stanza stanza;
        try {
            stanza = Stanza.of(element);
        } catch (JidFormatException e) {
            from.close(StreamError.of(StreamErrorCondition.IMPROPER_ADDRESSING, "malformed address: " + e.getMessage()));
            return Mono.empty();
        }
        if (stanza.from() == null || stanza.to() == null) {
            from.close(StreamError.of(StreamErrorCondition.IMPROPER_ADDRESSING, "a component stanza needs from and to"));
            return Mono.empty();
        }
        Jid sender = stanza.from();
        if (inDomainOf(sender, from.domain())) {
            return fromComponent(stanza, from);
        }
        ClientSession hybridSession = sender.local() != null && sender.domain().equals(domain.domain()) && from.isGateway()
                ? hybrid.session(sender.local(), from) : null;
        if (hybridSession == null) {
            components.rejected();
            log.debug("component {} may not send as {}", from.domain(), sender);
            bounce(stanza, from, StanzaError.Condition.FORBIDDEN, "a component may send only from its own domain");
            return Mono.empty();
        }
        if (stanza.kind() != Stanza.Kind.MESSAGE) {
            bounce(stanza, from, StanzaError.Condition.FEATURE_NOT_IMPLEMENTED, "a hybrid session sends messages only");
            return Mono.empty();
        }
        return router.getObject().route(stanza.withFrom(hybridSession.jid()), hybridSession);
    }

    private Mono<Void> fromComponent(Stanza stanza, ComponentStream from) {
        return service.routeUnlessBlocked(stanza, from::send);
    }

    /** Its own domain only: stanzas to subdomains would not find their way back (the router matches domains exactly). */
    private static boolean inDomainOf(Jid jid, String componentDomain) {
        return jid.domain().equals(componentDomain);
    }

    private void bounce(Stanza stanza, ComponentStream to, StanzaError.Condition condition, String text) {
        if (!stanza.isError()) {
            to.send(stanza.errorReply(text == null ? StanzaError.of(condition) : StanzaError.of(condition, text)));
        }
    }
}
