package im.tandem.feature.roster;

import im.tandem.feature.roster.SubscriptionStateMachine.Outcome;
import im.tandem.feature.roster.SubscriptionStateMachine.State;
import im.tandem.feature.roster.SubscriptionStateMachine.Type;
import im.tandem.routing.UserDirectory;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.store.RosterItemRow;
import im.tandem.store.RosterStore;
import im.tandem.xml.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Presence subscriptions between local users (RFC 6121 section 3): both the user's server
 * side (outbound, A.2) and the contact's server side (inbound, A.3) run here, one after the
 * other, with a roster push to each user whose item changed. When a user starts or stops
 * being subscribed to a contact, the contact's available resources are made known to, or
 * withdrawn from, the user's (3.1.5, 3.2.2, 3.3.3).
 */
@Component
public class PresenceSubscriptions {

    /** Longest inbound request kept verbatim for redelivery (the store column holds 8192). */
    private static final int MAX_STORED_REQUEST = 8000;

    private final Jid domain;
    private final RosterStore store;
    private final RosterPushes pushes;
    private final SessionRegistry sessions;
    private final UserDirectory users;
    private final ContactPairSerializer serializer = new ContactPairSerializer();

    public PresenceSubscriptions(@Value("${tandem.domain:localhost}") String domain, RosterStore store,
                                 RosterPushes pushes, SessionRegistry sessions, UserDirectory users) {
        this.domain = Jid.domain(domain);
        this.store = store;
        this.pushes = pushes;
        this.sessions = sessions;
        this.users = users;
    }

    /** Processes a subscription presence a client sent; {@code presence.to()} is set. */
    public Mono<Void> send(ClientSession sender, Stanza presence, Type type) {
        Jid user = sender.bareJid();
        Jid contact = presence.to().bare();
        if (!contact.domain().equals(domain.domain())) {
            // no server-to-server yet
            sender.send(presence.errorReply(StanzaError.of(StanzaError.Condition.REMOTE_SERVER_NOT_FOUND)));
            return Mono.empty();
        }
        if (contact.local() == null || contact.equals(user)) {
            // the server and one's own account have no roster item to subscribe to
            return Mono.empty();
        }
        // 3.1.2: stamped with the bare JIDs of both parties
        Element stamped = presence.element().withAttribute("from", user.toString()).withAttribute("to", contact.toString());
        return exclusive(user, contact, () -> outbound(user, contact, type, stamped));
    }

    /**
     * Removes an item (RFC 6121 2.5.2), cancelling the subscriptions both ways first.
     *
     * @return false when there was no such item
     */
    public Mono<Boolean> remove(Jid user, Jid contact) {
        return exclusive(user, contact, () -> item(user, contact).flatMap(found -> {
            if (found.isEmpty()) {
                return Mono.just(false);
            }
            State s = RosterItems.state(found.get());
            Mono<Void> cancel = Mono.empty();
            if (contact.domain().equals(domain.domain()) && contact.local() != null) {
                if (s.hasTo() || s.pendingOut()) {
                    cancel = cancel.then(inbound(contact, user, Type.UNSUBSCRIBE, stanza(user, contact, Type.UNSUBSCRIBE)));
                }
                if (s.hasFrom() || s.pendingIn()) {
                    cancel = cancel.then(inbound(contact, user, Type.UNSUBSCRIBED, stanza(user, contact, Type.UNSUBSCRIBED)));
                }
            }
            return RosterItems.committed(store.delete(user.local(), contact.toString()))
                    .doOnNext(version -> pushes.push(user.local(), version, RosterItems.removed(contact.toString())))
                    .then(Mono.fromRunnable(() -> presenceEffects(user, contact, s, State.NONE)))
                    .then(cancel)
                    .thenReturn(true);
        }));
    }

    /** Subscription requests the user has not answered yet, to redeliver (RFC 6121 3.1.3). */
    public Flux<Element> pendingRequests(Jid user) {
        return store.items(user.local())
                .filter(RosterItemRow::pendingIn)
                .map(row -> stanza(Jid.parse(row.contactJid()), user, Type.SUBSCRIBE));
    }

    /** Runs a change of the items of {@code a} and {@code b} for each other, after earlier ones. */
    <T> Mono<T> exclusive(Jid a, Jid b, Supplier<Mono<T>> work) {
        return serializer.run(a.toString(), b.toString(), work);
    }

    Mono<Optional<RosterItemRow>> item(Jid owner, Jid contact) {
        return store.item(owner.local(), contact.toString()).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    private Mono<Void> outbound(Jid user, Jid contact, Type type, Element stanza) {
        return item(user, contact).flatMap(found -> {
            RosterItemRow old = found.orElse(null);
            Outcome outcome = SubscriptionStateMachine.outbound(RosterItems.state(old), type);
            Mono<Void> own = save(user, contact, old, outcome.state(), old == null ? null : old.pendingInStanza());
            return outcome.forward() ? own.then(inbound(contact, user, type, stanza)) : own;
        });
    }

    /** {@code owner}'s server receiving {@code stanza} of {@code type} from {@code from}. */
    private Mono<Void> inbound(Jid owner, Jid from, Type type, Element stanza) {
        return users.exists(owner.local()).flatMap(exists -> {
            if (!exists) {
                // 3.1.3: a request to no one is answered with unsubscribed
                return type == Type.SUBSCRIBE
                        ? inbound(from, owner, Type.UNSUBSCRIBED, stanza(owner, from, Type.UNSUBSCRIBED))
                        : Mono.empty();
            }
            return item(owner, from).flatMap(found -> {
                RosterItemRow old = found.orElse(null);
                Outcome outcome = SubscriptionStateMachine.inbound(RosterItems.state(old), type);
                String request = type == Type.SUBSCRIBE && outcome.forward()
                        ? storable(stanza) : old == null ? null : old.pendingInStanza();
                return save(owner, from, old, outcome.state(), request)
                        .then(Mono.fromRunnable(() -> {
                            if (outcome.forward()) {
                                deliver(owner, stanza);
                            }
                        }))
                        .then(outcome.autoSubscribed()
                                ? inbound(from, owner, Type.SUBSCRIBED, stanza(owner, from, Type.SUBSCRIBED))
                                : Mono.empty());
            });
        });
    }

    /** Writes the new state of an item if it changed, pushes it, and applies the presence consequences. */
    private Mono<Void> save(Jid owner, Jid contact, RosterItemRow old, State state, String pendingInStanza) {
        RosterItemRow next = RosterItems.withState(old, contact.toString(), state, pendingInStanza);
        if (next.equals(old) || (old == null && RosterItems.empty(next))) {
            return Mono.empty();
        }
        Mono<Void> write;
        if (RosterItems.empty(next) && (old == null || RosterItems.hidden(old))) {
            // a request that was never in the roster is gone: forget the row, nobody saw it
            write = store.delete(owner.local(), contact.toString()).then();
        } else {
            boolean visible = !RosterItems.hidden(next) || (old != null && !RosterItems.hidden(old));
            write = RosterItems.committed(store.upsert(owner.local(), next))
                    .doOnNext(version -> {
                        if (visible) {
                            pushes.push(owner.local(), version, RosterItems.item(next));
                        }
                    })
                    .then();
        }
        State before = RosterItems.state(old);
        return write.then(Mono.fromRunnable(() -> presenceEffects(owner, contact, before, state)));
    }

    /** When {@code contact} gains or loses a subscription to {@code owner}'s presence. */
    private void presenceEffects(Jid owner, Jid contact, State before, State after) {
        if (before.hasFrom() == after.hasFrom()) {
            return;
        }
        List<ClientSession> targets = available(contact);
        for (ClientSession source : sessions.sessionsOf(owner)) {
            Element presence = source.presence();
            if (presence == null) {
                continue;
            }
            Element sent = after.hasFrom() ? presence : unavailable(source.jid());
            for (ClientSession target : targets) {
                target.send(sent.withAttribute("to", target.jid().toString()));
            }
        }
    }

    /** 3.1.3 and friends: inbound subscription presence goes to every available resource. */
    private void deliver(Jid owner, Element stanza) {
        for (ClientSession session : available(owner)) {
            session.send(stanza);
        }
    }

    private List<ClientSession> available(Jid user) {
        List<ClientSession> result = new ArrayList<>();
        for (ClientSession s : sessions.sessionsOf(user)) {
            if (s.isAvailable()) {
                result.add(s);
            }
        }
        return result;
    }

    private static String storable(Element stanza) {
        String xml = stanza.toString();
        return xml.length() <= MAX_STORED_REQUEST ? xml : null;
    }

    static Element stanza(Jid from, Jid to, Type type) {
        return Element.builder("presence", Stanza.CLIENT_NAMESPACE)
                .attribute("from", from.toString())
                .attribute("to", to.toString())
                .attribute("type", type.code())
                .build();
    }

    static Element unavailable(Jid from) {
        return Element.builder("presence", Stanza.CLIENT_NAMESPACE)
                .attribute("from", from.toString())
                .attribute("type", "unavailable")
                .build();
    }
}
