package im.tandem.feature.presence;

import im.tandem.feature.roster.PresenceSubscriptions;
import im.tandem.feature.roster.SubscriptionStateMachine.Type;
import im.tandem.routing.PresenceHandler;
import im.tandem.routing.PresenceListener;
import im.tandem.routing.ExternalDomains;
import im.tandem.routing.StanzaFilter;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionListener;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.store.RosterItemRow;
import im.tandem.store.RosterItemRow.Subscription;
import im.tandem.store.RosterStore;
import im.tandem.xml.Element;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import im.tandem.config.LazyBeans;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Handles every presence a client sends (RFC 6121 sections 3 and 4). Broadcast presence
 * goes to the contacts subscribed to the user ({@code from}/{@code both}) and to all of the
 * user's own available resources; initial presence also fetches the presence of the
 * contacts the user is subscribed to and redelivers unanswered subscription requests, then
 * tells the {@link PresenceListener}s. A session that ends while available is broadcast as
 * unavailable, also to everyone it sent directed presence to.
 */
@Component
public class PresenceBroker implements PresenceHandler, SessionListener {

    private static final Logger log = LoggerFactory.getLogger(PresenceBroker.class);

    private final Jid domain;
    private final SessionRegistry sessions;
    private final RosterStore roster;
    private final PresenceSubscriptions subscriptions;
    private final LazyBeans<PresenceListener> listeners;
    private final LazyBeans<StanzaFilter> filters;
    private final LazyBeans<ExternalDomains> external;

    public PresenceBroker(@Value("${tandem.domain:localhost}") String domain, SessionRegistry sessions,
                          RosterStore roster, PresenceSubscriptions subscriptions,
                          ObjectProvider<PresenceListener> listeners,
                          ObjectProvider<StanzaFilter> filters, ObjectProvider<ExternalDomains> external) {
        this.external = LazyBeans.of(external);
        this.domain = Jid.domain(domain);
        this.sessions = sessions;
        this.roster = roster;
        this.subscriptions = subscriptions;
        this.listeners = LazyBeans.of(listeners);
        this.filters = LazyBeans.of(filters);
    }

    @Override
    public Mono<Void> handle(Stanza presence, ClientSession sender) {
        String type = presence.type();
        Type subscription = Type.ofCode(type);
        if (subscription != null) {
            // 3.1.1: a subscription request without an addressee means nothing
            if (presence.to() == null) {
                return Mono.empty();
            }
            // XEP-0191: subscription traffic does not cross a block either, in either direction
            return mayPass(sender.jid(), presence.to()).flatMap(pass -> pass
                    ? subscriptions.send(sender, presence, subscription) : Mono.<Void>empty());
        }
        return switch (type) {
            case "available" -> presence.to() == null ? broadcastAvailable(presence, sender) : directed(presence, sender);
            case "unavailable" -> presence.to() == null
                    ? broadcastUnavailable(presence.element(), sender) : directed(presence, sender);
            case "probe" -> probe(presence, sender);
            case "error" -> {
                routeError(presence);
                yield Mono.empty();
            }
            default -> {
                sender.send(presence.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST,
                        "unknown presence type " + type)));
                yield Mono.empty();
            }
        };
    }

    @Override
    public Mono<Void> sessionEnded(ClientSession session) {
        DirectedPresence directed = session.get(DirectedPresence.KEY);
        if (!session.isAvailable() && directed == null) {
            return Mono.empty();
        }
        Element unavailable = Element.builder("presence", Stanza.CLIENT_NAMESPACE)
                .attribute("from", session.jid().toString())
                .attribute("type", "unavailable")
                .build();
        return broadcastUnavailable(unavailable, session);
    }

    private Mono<Void> broadcastAvailable(Stanza presence, ClientSession sender) {
        OptionalInt priority = PresencePriority.of(presence.element());
        if (priority.isEmpty()) {
            sender.send(presence.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST,
                    "priority must be an integer from -128 to 127")));
            return Mono.empty();
        }
        boolean initial = !sender.isAvailable();
        Element element = presence.element();
        sender.updatePresence(element, priority.getAsInt());
        return roster.items(sender.username()).collectList().flatMap(items -> {
            Map<Jid, ClientSession> recipients = new LinkedHashMap<>();
            for (RosterItemRow item : items) {
                if (hasFrom(item)) {
                    contact(item).ifPresent(contact -> addAvailable(recipients, contact));
                }
            }
            // 4.2.2: the user's own available resources, the sender included
            addAvailable(recipients, sender.bareJid());
            Mono<Void> broadcast = sendEach(sender.jid(), element, recipients.values());
            if (!initial) {
                return broadcast.then(Mono.fromRunnable(() -> notifyChanged(sender, element)));
            }
            // 4.2.2 (probes answered locally) and 4.4.2: what the new resource should know
            Mono<Void> contactsPresence = Flux.fromIterable(items)
                    .filter(PresenceBroker::hasTo)
                    .concatMap(item -> contact(item).map(contact -> sendPresencesOf(contact, sender)).orElse(Mono.empty()))
                    .then();
            return broadcast.then(contactsPresence).then(Mono.fromRunnable(() -> {
                for (ClientSession own : sessions.sessionsOf(sender.bareJid())) {
                    if (own != sender && own.presence() != null) {
                        sender.send(own.presence().withAttribute("to", sender.jid().toString()));
                    }
                }
            })).then(subscriptions.pendingRequests(sender.bareJid())
                    .doOnNext(sender::send)
                    .then(Mono.fromRunnable(() -> notifyChanged(sender, element)))
                    .then(Flux.fromIterable(listeners.get())
                            .concatMap(l -> l.initialPresence(sender).onErrorResume(e -> {
                                log.warn("{} failed on initial presence of {}", l.getClass().getSimpleName(), sender, e);
                                return Mono.empty();
                            }))
                            .then()));
        });
    }

    private Mono<Void> broadcastUnavailable(Element presence, ClientSession session) {
        boolean wasAvailable = session.isAvailable();
        DirectedPresence directed = session.remove(DirectedPresence.KEY);
        List<Jid> targets = directed == null ? List.of() : directed.drain();
        session.updatePresence(null, 0);
        if (!wasAvailable && targets.isEmpty()) {
            return Mono.empty();
        }
        Element element = presence.withAttribute("to", null);
        Mono<List<RosterItemRow>> items = wasAvailable
                ? roster.items(session.username()).collectList() : Mono.just(List.of());
        return items.flatMap(rows -> {
            Map<Jid, ClientSession> recipients = new LinkedHashMap<>();
            for (RosterItemRow item : rows) {
                if (hasFrom(item)) {
                    contact(item).ifPresent(contact -> addAvailable(recipients, contact));
                }
            }
            if (wasAvailable) {
                addAvailable(recipients, session.bareJid());
            }
            for (Jid target : targets) {
                addTarget(recipients, target);
            }
            recipients.remove(session.jid());
            return sendEach(session.jid(), element, recipients.values());
        });
    }

    /** 4.6: presence to one address, remembered for the sender's later unavailability. */
    private Mono<Void> directed(Stanza presence, ClientSession sender) {
        Jid to = presence.to();
        if (!to.domain().equals(domain.domain())) {
            // an external component's domain (a gateway's contacts); no federation beyond that
            ExternalDomains.Outcome outcome = ExternalDomains.deliverToAny(external.get(), presence.element(), to);
            if (outcome != ExternalDomains.Outcome.DELIVERED) {
                sender.send(presence.errorReply(StanzaError.of(outcome == ExternalDomains.Outcome.UNAVAILABLE
                        ? StanzaError.Condition.SERVICE_UNAVAILABLE : StanzaError.Condition.REMOTE_SERVER_NOT_FOUND)));
            }
            return Mono.empty();
        }
        if (to.local() == null) {
            return Mono.empty();
        }
        if ("unavailable".equals(presence.type())) {
            DirectedPresence directed = sender.get(DirectedPresence.KEY);
            if (directed != null) {
                directed.remove(to);
            }
        } else {
            sender.computeIfAbsent(DirectedPresence.KEY, k -> new DirectedPresence()).add(to);
        }
        Map<Jid, ClientSession> recipients = new LinkedHashMap<>();
        addTarget(recipients, to);
        return Flux.fromIterable(new ArrayList<>(recipients.values()))
                .filterWhen(recipient -> mayPass(sender.jid(), recipient.jid()))
                .doOnNext(recipient -> recipient.send(presence.element()))
                .then();
    }

    /** 4.3: a client may probe a contact it is subscribed to, or its own account. */
    private Mono<Void> probe(Stanza presence, ClientSession sender) {
        Jid to = presence.to();
        if (to == null || !to.domain().equals(domain.domain()) || to.local() == null) {
            return Mono.empty();
        }
        Jid contact = to.bare();
        if (contact.equals(sender.bareJid())) {
            return sendPresencesOf(contact, sender);
        }
        return roster.item(sender.username(), contact.toString())
                .filter(PresenceBroker::hasTo)
                .flatMap(item -> sendPresencesOf(contact, sender));
    }

    /** Errors in answer to presence go back to where the presence came from, if it is still there. */
    private void routeError(Stanza presence) {
        Jid to = presence.to();
        if (to == null || !to.domain().equals(domain.domain()) || to.local() == null) {
            return;
        }
        if (to.isFull()) {
            sessions.session(to).ifPresent(s -> s.send(presence.element()));
        } else {
            for (ClientSession s : sessions.sessionsOf(to)) {
                if (s.isAvailable()) {
                    s.send(presence.element());
                }
            }
        }
    }

    private Mono<Void> sendPresencesOf(Jid contact, ClientSession recipient) {
        return mayPass(contact, recipient.jid()).doOnNext(pass -> {
            if (!pass) {
                return;
            }
            for (ClientSession source : sessions.sessionsOf(contact)) {
                if (source != recipient && source.presence() != null) {
                    recipient.send(source.presence().withAttribute("to", recipient.jid().toString()));
                }
            }
        }).then();
    }

    /** Whether presence may flow between two users: never across a block (XEP-0191), and silently. */
    private Mono<Boolean> mayPass(Jid from, Jid to) {
        if (from.bare().equals(to.bare())) {
            return Mono.just(true);
        }
        return Flux.fromIterable(filters.get())
                .concatMap(f -> f.allowsSilently(from, to))
                .all(allowed -> allowed);
    }

    private void notifyChanged(ClientSession session, Element presence) {
        listeners.get().forEach(l -> {
            try {
                l.presenceChanged(session, presence);
            } catch (RuntimeException e) {
                log.warn("{} failed on presence of {}", l.getClass().getSimpleName(), session, e);
            }
        });
    }

    private void addAvailable(Map<Jid, ClientSession> recipients, Jid user) {
        for (ClientSession s : sessions.sessionsOf(user)) {
            if (s.isAvailable()) {
                recipients.putIfAbsent(s.jid(), s);
            }
        }
    }

    /** A directed presence target: that very session, or every available one of a bare JID. */
    private void addTarget(Map<Jid, ClientSession> recipients, Jid target) {
        if (target.isFull()) {
            sessions.session(target).ifPresent(s -> recipients.putIfAbsent(s.jid(), s));
        } else {
            addAvailable(recipients, target);
        }
    }

    private Mono<Void> sendEach(Jid from, Element presence, Collection<ClientSession> recipients) {
        return Flux.fromIterable(new ArrayList<>(recipients))
                .filterWhen(recipient -> mayPass(from, recipient.jid()))
                .doOnNext(recipient -> recipient.send(presence.withAttribute("to", recipient.jid().toString())))
                .then();
    }

    private static Optional<Jid> contact(RosterItemRow item) {
        return Jid.tryParse(item.contactJid());
    }

    private static boolean hasFrom(RosterItemRow item) {
        return item.subscription() == Subscription.FROM || item.subscription() == Subscription.BOTH;
    }

    private static boolean hasTo(RosterItemRow item) {
        return item.subscription() == Subscription.TO || item.subscription() == Subscription.BOTH;
    }
}
