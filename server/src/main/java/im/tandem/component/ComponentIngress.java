package im.tandem.component;

import im.tandem.routing.ExternalDomains;
import im.tandem.routing.MessageDelivery;
import im.tandem.routing.ServerRequests;
import im.tandem.routing.StanzaRouter;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
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
 * Routes what a component sends. Its {@code from} must be in the component's own domain (or
 * a subdomain of it), or, for a gateway, a hybrid user's JID: such a message is routed as
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
    private final SessionRegistry sessions;
    private final MessageDelivery messages;
    private final ServerRequests requests;
    private final ObjectProvider<StanzaRouter> router;

    public ComponentIngress(ExternalComponents components, HybridSessions hybrid, SessionRegistry sessions,
                            MessageDelivery messages, ServerRequests requests, ObjectProvider<StanzaRouter> router) {
        this.domain = Jid.domain(components.serverDomain());
        this.components = components;
        this.hybrid = hybrid;
        this.sessions = sessions;
        this.messages = messages;
        this.requests = requests;
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
        Jid to = stanza.to();
        if (!to.domain().equals(domain.domain())) {
            ExternalDomains.Outcome outcome = components.deliver(stanza.element(), to);
            if (outcome != ExternalDomains.Outcome.DELIVERED) {
                bounce(stanza, from, outcome == ExternalDomains.Outcome.UNAVAILABLE
                        ? StanzaError.Condition.SERVICE_UNAVAILABLE : StanzaError.Condition.REMOTE_SERVER_NOT_FOUND, null);
            }
            return Mono.empty();
        }
        if (to.local() == null) {
            if (stanza.kind() == Stanza.Kind.IQ) {
                if (stanza.isIqRequest()) {
                    bounce(stanza, from, StanzaError.Condition.SERVICE_UNAVAILABLE, null);
                } else {
                    requests.complete(stanza);
                }
            }
            return Mono.empty();
        }
        return switch (stanza.kind()) {
            case MESSAGE -> messages.deliver(stanza, from::send);
            case IQ -> {
                if (!stanza.isIqRequest() && requests.complete(stanza)) {
                    yield Mono.empty(); // the answer to a request the server sent for the user (a push notification)
                }
                ClientSession target = to.isFull() ? sessions.session(to).orElse(null) : null;
                if (target != null) {
                    target.send(stanza.element());
                } else if (stanza.isIqRequest()) {
                    bounce(stanza, from, StanzaError.Condition.SERVICE_UNAVAILABLE, null);
                }
                yield Mono.empty();
            }
            case PRESENCE -> {
                // a gateway's contacts' presence, directed to the user's available sessions
                for (ClientSession s : to.isFull() ? sessions.session(to).stream().toList() : sessions.sessionsOf(to)) {
                    if (s.isAvailable() || to.isFull()) {
                        s.send(stanza.element());
                    }
                }
                yield Mono.empty();
            }
        };
    }

    private static boolean inDomainOf(Jid jid, String componentDomain) {
        String d = jid.domain();
        return d.equals(componentDomain) || d.endsWith("." + componentDomain);
    }

    private void bounce(Stanza stanza, ComponentStream to, StanzaError.Condition condition, String text) {
        if (!stanza.isError()) {
            to.send(stanza.errorReply(text == null ? StanzaError.of(condition) : StanzaError.of(condition, text)));
        }
    }
}
