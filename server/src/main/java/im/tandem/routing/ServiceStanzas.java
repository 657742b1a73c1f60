package im.tandem.routing;

import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How a service that is not a client (an external component, or one of the server's own
 * sub-services such as group chat or pubsub) sends a stanza into the server: to a local user
 * by the delivery rules (messages through {@link MessageDelivery}, so carbons, offline storage
 * and archiving apply; iq to the addressed session; presence to the addressed or available
 * sessions), to another service's domain through the {@link ExternalDomains}, and answers to
 * the server's own requests to {@link ServerRequests}. Errors go back through {@code bounce}.
 */
@Component
public class ServiceStanzas {

    private final Jid domain;
    private final SessionRegistry sessions;
    private final MessageDelivery messages;
    private final ServerRequests requests;
    private final im.tandem.config.LazyBeans<ExternalDomains> external;
    private final im.tandem.config.LazyBeans<StanzaFilter> filters;

    public ServiceStanzas(@Value("${tandem.domain:localhost}") String domain, SessionRegistry sessions,
                          MessageDelivery messages, ServerRequests requests,
                          org.springframework.beans.factory.ObjectProvider<ExternalDomains> external,
                          org.springframework.beans.factory.ObjectProvider<StanzaFilter> filters) {
        this.filters = im.tandem.config.LazyBeans.of(filters);
        this.domain = Jid.domain(domain);
        this.sessions = sessions;
        this.messages = messages;
        this.requests = requests;
        this.external = im.tandem.config.LazyBeans.of(external);
    }

    /** Routes {@code stanza} (in {@code jabber:client}, from and to set) that a service sent. */
    public Mono<Void> route(Stanza stanza, Consumer<Element> bounce) {
        Jid to = stanza.to();
        if (!to.domain().equals(domain.domain())) {
            ExternalDomains.Outcome outcome = ExternalDomains.deliverToAny(external.get(), stanza.element(), to);
            if (outcome != ExternalDomains.Outcome.DELIVERED) {
                bounce(stanza, bounce, outcome == ExternalDomains.Outcome.UNAVAILABLE
                        ? StanzaError.Condition.SERVICE_UNAVAILABLE : StanzaError.Condition.REMOTE_SERVER_NOT_FOUND);
            }
            return Mono.empty();
        }
        if (to.local() == null) {
            if (stanza.kind() == Stanza.Kind.IQ) {
                if (stanza.isIqRequest()) {
                    bounce(stanza, bounce, StanzaError.Condition.SERVICE_UNAVAILABLE);
                } else {
                    requests.complete(stanza);
                }
            }
            return Mono.empty();
        }
        return toLocalUser(stanza, bounce);
    }

    /**
     * {@link #route} after the recipients' block lists (XEP-0191): a user who blocks the sender
     * (a gateway contact, say) gets nothing from it. The check is asynchronous, so a caller that
     * needs its stanzas in order must wait for each (an external component's stream does).
     */
    public Mono<Void> routeUnlessBlocked(Stanza stanza, Consumer<Element> bounce) {
        Jid to = stanza.to();
        if (!to.domain().equals(domain.domain()) || to.local() == null) {
            return route(stanza, bounce);
        }
        return reactor.core.publisher.Flux.fromIterable(filters.get())
                .concatMap(f -> f.allowsSilently(stanza.from(), to))
                .all(allowed -> allowed)
                .flatMap(allowed -> {
                    if (!allowed) {
                        if (stanza.isIqRequest()) {
                            bounce(stanza, bounce, StanzaError.Condition.SERVICE_UNAVAILABLE);
                        }
                        return Mono.<Void>empty();
                    }
                    return toLocalUser(stanza, bounce);
                });
    }

    private Mono<Void> toLocalUser(Stanza stanza, Consumer<Element> bounce) {
        Jid to = stanza.to();
        return switch (stanza.kind()) {
            case MESSAGE -> messages.deliver(stanza, bounce);
            case IQ -> {
                if (!stanza.isIqRequest() && requests.complete(stanza)) {
                    yield Mono.empty(); // the answer to a request the server sent for the user (a push notification)
                }
                ClientSession target = to.isFull() ? sessions.session(to).orElse(null) : null;
                if (target != null) {
                    target.send(stanza.element());
                } else if (stanza.isIqRequest()) {
                    bounce(stanza, bounce, StanzaError.Condition.SERVICE_UNAVAILABLE);
                }
                yield Mono.empty();
            }
            case PRESENCE -> {
                if (to.isFull()) {
                    sessions.session(to).ifPresent(s -> s.send(stanza.element()));
                } else {
                    for (ClientSession s : sessions.sessionsOf(to)) {
                        if (s.isAvailable()) {
                            s.send(stanza.element());
                        }
                    }
                }
                yield Mono.empty();
            }
        };
    }

    private static void bounce(Stanza stanza, Consumer<Element> bounce, StanzaError.Condition condition) {
        if (!stanza.isError() && bounce != null) {
            bounce.accept(stanza.errorReply(StanzaError.of(condition)));
        }
    }
}
