package im.tandem.feature.pep;

import im.tandem.admin.MeterNames;
import im.tandem.config.LazyBeans;
import im.tandem.feature.caps.CapabilitiesListener;
import im.tandem.feature.caps.ClientCapabilities;
import im.tandem.feature.caps.ClientCapsTracker;
import im.tandem.feature.pubsub.Pubsub;
import im.tandem.feature.pubsub.PubsubItem;
import im.tandem.feature.pubsub.PubsubNode;
import im.tandem.feature.pubsub.PubsubNodes;
import im.tandem.routing.StanzaFilter;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Delay;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.store.RosterItemRow;
import im.tandem.store.RosterItemRow.Subscription;
import im.tandem.store.RosterStore;
import im.tandem.xml.Element;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends PEP event notifications (XEP-0163 section 4) as headline messages from the owner's
 * bare JID: to each of the owner's available sessions and each available, non-negative-priority
 * session of a contact subscribed to the owner's presence whose caps carry {@code node+notify},
 * if the node's access model lets that contact see it and no block stands between them. When a
 * session's caps resolve, it gets the last item of every node it asks for, stamped with its
 * publication time.
 */
@Component
public class PepNotifier implements CapabilitiesListener {

    private static final Logger log = LoggerFactory.getLogger(PepNotifier.class);

    private final String domain;
    private final SessionRegistry sessions;
    private final RosterStore roster;
    private final PubsubNodes nodes;
    private final PepAccess access;
    private final LazyBeans<StanzaFilter> filters;
    private final Counter notifications;

    public PepNotifier(@Value("${tandem.domain:localhost}") String domain, SessionRegistry sessions, RosterStore roster,
                       PubsubNodes nodes, PepAccess access, ObjectProvider<StanzaFilter> filters, MeterRegistry meters) {
        this.notifications = Counter.builder(MeterNames.PUBSUB_NOTIFICATIONS).tag("service", "pep")
                .description("PEP event notifications sent").register(meters);
        this.domain = domain;
        this.sessions = sessions;
        this.roster = roster;
        this.nodes = nodes;
        this.access = access;
        this.filters = LazyBeans.of(filters);
    }

    /** Notifies of a publication. */
    public Mono<Void> published(PubsubNode node, PubsubItem item) {
        Element items = Element.builder("items", Pubsub.EVENT).attribute("node", node.name())
                .child(item.toElement(Pubsub.EVENT, node.config().deliverPayloads())).build();
        return notify(node, items);
    }

    /** Notifies of a retraction. */
    public Mono<Void> retracted(PubsubNode node, String itemId) {
        return notify(node, Element.builder("items", Pubsub.EVENT).attribute("node", node.name())
                .child(Element.builder("retract", Pubsub.EVENT).attribute("id", itemId).build()).build());
    }

    /** Notifies of a purge or deletion ({@code purge} or {@code delete}). */
    public Mono<Void> emptied(PubsubNode node, String what) {
        return notify(node, Element.builder(what, Pubsub.EVENT).attribute("node", node.name()).build());
    }

    private Mono<Void> notify(PubsubNode node, Element content) {
        if (!node.config().deliverNotifications()) {
            return Mono.empty();
        }
        Jid owner = Jid.parse(node.owner());
        return recipients(node, owner)
                .doOnNext(session -> {
                    session.send(event(owner, session, content));
                    notifications.increment();
                })
                .then()
                .onErrorResume(e -> {
                    log.warn("PEP notification of {} on {} failed", owner, node.name(), e);
                    return Mono.empty();
                });
    }

    private Flux<ClientSession> recipients(PubsubNode node, Jid owner) {
        List<ClientSession> own = new ArrayList<>();
        for (ClientSession s : sessions.sessionsOf(owner)) {
            if (s.isAvailable() && wants(s, node.name())) {
                own.add(s);
            }
        }
        Flux<ClientSession> contacts = roster.items(owner.local())
                .filter(PepAccess::sharesPresence)
                .mapNotNull(item -> Jid.tryParse(item.contactJid()).orElse(null))
                .filter(contact -> contact.domain().equals(domain) && contact.local() != null
                        && !contact.equals(owner))
                .concatMap(contact -> {
                    List<ClientSession> interested = sessions.sessionsOf(contact).stream()
                            .filter(s -> s.isAvailable() && s.priority() >= 0 && wants(s, node.name()))
                            .toList();
                    if (interested.isEmpty()) {
                        return Flux.empty();
                    }
                    return access.allowed(node, contact).flatMapMany(ok -> ok ? Flux.fromIterable(interested) : Flux.empty());
                }, 4)
                .filterWhen(s -> mayPass(owner, s.jid()));
        return Flux.fromIterable(own).concatWith(contacts);
    }

    /** The last items a session whose caps just resolved asks for, from its own account and the contacts it sees. */
    @Override
    public void capabilitiesResolved(ClientSession session, ClientCapabilities capabilities) {
        Set<String> wanted = capabilities.features().stream()
                .filter(f -> f.endsWith(Pubsub.NOTIFY_SUFFIX) && f.length() > Pubsub.NOTIFY_SUFFIX.length())
                .map(f -> f.substring(0, f.length() - Pubsub.NOTIFY_SUFFIX.length()))
                .collect(Collectors.toSet());
        if (wanted.isEmpty() || !session.isAvailable()) {
            return;
        }
        Flux<Jid> owners = Flux.just(session.bareJid());
        if (session.priority() >= 0) {
            owners = owners.concatWith(roster.items(session.username())
                    .filter(PepNotifier::seesPresenceOf)
                    .mapNotNull(item -> Jid.tryParse(item.contactJid()).orElse(null))
                    .filter(j -> j.domain().equals(domain) && j.local() != null && !j.equals(session.bareJid())));
        }
        owners.concatMap(owner -> mayPass(owner, session.jid()).flatMapMany(pass -> pass
                        ? nodes.nodes(owner.toString()) : Flux.empty()), 4)
                .filter(node -> wanted.contains(node.name()) && node.config().deliverNotifications()
                        && !"never".equals(node.config().sendLastPublishedItem()))
                .filterWhen(node -> access.allowed(node, session.bareJid()))
                .concatMap(node -> nodes.lastItem(node).map(item -> {
                    Jid owner = Jid.parse(node.owner());
                    Element items = Element.builder("items", Pubsub.EVENT).attribute("node", node.name())
                            .child(item.toElement(Pubsub.EVENT, node.config().deliverPayloads())).build();
                    return Delay.stamped(event(owner, session, items), owner.toString(), item.published());
                }))
                .subscribe(event -> {
                    session.send(event);
                    notifications.increment();
                }, e -> log.warn("last PEP items for {} failed", session.jid(), e));
    }

    private static Element event(Jid owner, ClientSession to, Element content) {
        return Element.builder("message", Stanza.CLIENT_NAMESPACE)
                .attribute("from", owner.toString())
                .attribute("to", to.jid().toString())
                .attribute("type", "headline")
                .attribute("id", UUID.randomUUID().toString())
                .child(Element.builder("event", Pubsub.EVENT).child(content).build())
                .build();
    }

    private static boolean wants(ClientSession session, String node) {
        ClientCapabilities caps = session.get(ClientCapsTracker.CAPABILITIES);
        return caps != null && caps.supports(node + Pubsub.NOTIFY_SUFFIX);
    }

    /** The user receives this contact's presence (and so its PEP events). */
    private static boolean seesPresenceOf(RosterItemRow item) {
        return item.subscription() == Subscription.TO || item.subscription() == Subscription.BOTH;
    }

    private Mono<Boolean> mayPass(Jid from, Jid to) {
        if (from.bare().equals(to.bare())) {
            return Mono.just(true);
        }
        return Flux.fromIterable(filters.get()).concatMap(f -> f.allowsSilently(from, to)).all(a -> a);
    }
}
