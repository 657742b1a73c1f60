package im.tandem.feature.muc;

import im.tandem.admin.MeterNames;
import im.tandem.feature.disco.DiscoItemsProvider;
import im.tandem.feature.disco.ServiceDiscovery;
import im.tandem.routing.ExternalDomains;
import im.tandem.routing.ServiceStanzas;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionKey;
import im.tandem.session.SessionListener;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.stanza.StanzaError.Condition;
import im.tandem.xml.Element;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The group chat service (XEP-0045) at {@code tandem.muc.domain}: takes every stanza the router
 * and the presence broker hand to that domain ({@link ExternalDomains}), sends to users through
 * {@link ServiceStanzas} (so a room's messages go to the joined full JIDs only, and are never
 * carbon-copied), is listed in the server's disco#items, and takes a session that ends out of
 * its rooms. Meters: {@code tandem_muc_rooms}, {@code tandem_muc_occupants}, {@code tandem_muc_stanzas_total}.
 */
@Component
public class MucFeature implements ExternalDomains, DiscoItemsProvider, SessionListener, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(MucFeature.class);
    /** The rooms a session is in. */
    static final SessionKey<JoinedRooms> JOINED = SessionKey.of("muc.joined", JoinedRooms.class);

    private final MucProperties properties;
    private final String service;
    private final ServiceStanzas stanzas;
    private final SessionRegistry sessions;
    private final MucRooms rooms;
    private final Counter handled;

    public MucFeature(MucProperties properties, @Value("${tandem.domain:localhost}") String serverDomain,
                      ServiceStanzas stanzas, SessionRegistry sessions, ObjectProvider<RoomHistory> history,
                      MucPersistence persistence, MeterRegistry meters, ObjectProvider<RoomArchive> archive) {
        this.properties = properties;
        this.service = Jid.domain(properties.serviceDomain(serverDomain)).domain();
        this.stanzas = stanzas;
        this.sessions = sessions;
        this.rooms = new MucRooms(properties, history.getIfAvailable(MemoryRoomHistory::new), persistence, this::send,
                archive.getIfAvailable());
        Gauge.builder(MeterNames.MUC_ROOMS, rooms, MucRooms::count).description("Group chat rooms").register(meters);
        Gauge.builder(MeterNames.MUC_OCCUPANTS, rooms, MucRooms::occupantCount)
                .description("Occupants of group chat rooms").register(meters);
        this.handled = Counter.builder(MeterNames.MUC_STANZAS).description("Stanzas to the group chat service")
                .register(meters);
    }

    /** The service's domain. */
    public String domain() {
        return service;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (properties.enabled()) {
            rooms.load().block(java.time.Duration.ofMinutes(1));
        }
    }

    /**
     * Restarts the room service: every occupant is told the service is shutting down (status 332),
     * memory is dropped and the persistent rooms come back from the database.
     */
    public Mono<Void> restart() {
        rooms.shutdown();
        return rooms.load();
    }

    @Override
    public Outcome deliver(Element element, Jid to) {
        if (!properties.enabled() || !service.equals(to.domain())) {
            return Outcome.UNKNOWN;
        }
        handled.increment();
        Stanza stanza = Stanza.of(element);
        if (stanza.from() == null) {
            return Outcome.DELIVERED;
        }
        try {
            if (to.local() == null) {
                toService(stanza);
            } else {
                rooms.handle(stanza, to, sessions.session(stanza.from()).orElse(null));
            }
        } catch (RuntimeException e) {
            log.warn("group chat failed on {}", stanza, e);
            send(MucRooms.error(stanza, StanzaError.of(Condition.INTERNAL_SERVER_ERROR)));
        }
        return Outcome.DELIVERED;
    }

    private void toService(Stanza stanza) {
        if (stanza.kind() != Stanza.Kind.IQ || !stanza.isIqRequest()) {
            if (!stanza.isError() && stanza.kind() == Stanza.Kind.MESSAGE) {
                send(MucRooms.error(stanza, StanzaError.of(Condition.SERVICE_UNAVAILABLE)));
            }
            return;
        }
        Element query = stanza.payload();
        if ("get".equals(stanza.type()) && query != null && query.is("query", ServiceDiscovery.INFO)
                && query.attribute("node") == null) {
            send(stanza.resultReply(Element.builder("query", ServiceDiscovery.INFO)
                    .child(Element.builder("identity", ServiceDiscovery.INFO).attribute("category", "conference")
                            .attribute("type", "text").attribute("name", "Chatrooms").build())
                    .child(feature(Muc.NAMESPACE)).child(feature(ServiceDiscovery.INFO))
                    .child(feature(ServiceDiscovery.ITEMS)).build()));
        } else if ("get".equals(stanza.type()) && query != null && query.is("query", ServiceDiscovery.ITEMS)
                && query.attribute("node") == null) {
            Element.Builder q = Element.builder("query", ServiceDiscovery.ITEMS);
            rooms.publicRooms().forEach(q::child);
            send(stanza.resultReply(q.build()));
        } else {
            send(stanza.errorReply(StanzaError.of(query != null && query.namespace().startsWith("http://jabber.org/protocol/disco")
                    ? Condition.ITEM_NOT_FOUND : Condition.SERVICE_UNAVAILABLE)));
        }
    }

    private static Element feature(String var) {
        return Element.builder("feature", ServiceDiscovery.INFO).attribute("var", var).build();
    }

    @Override
    public Mono<List<Element>> serverItems(String node, ClientSession requester) {
        if (node != null || !properties.enabled()) {
            return Mono.just(List.of());
        }
        return Mono.just(List.of(Element.builder("item", ServiceDiscovery.ITEMS).attribute("jid", service)
                .attribute("name", "Chatrooms").build()));
    }

    @Override
    public Mono<Void> sessionEnded(ClientSession session) {
        JoinedRooms joined = session.remove(JOINED);
        if (joined != null) {
            for (Jid room : joined.rooms()) {
                rooms.sessionGone(room, session.jid());
            }
        }
        return Mono.empty();
    }

    private void send(Element stanza) {
        Stanza s = Stanza.of(stanza);
        if (s.to() == null) {
            return;
        }
        stanzas.route(s, this::bounced).subscribe(null, e -> log.warn("group chat could not deliver {}", s, e));
    }

    /**
     * A stanza the room sent to a session came back: the session is gone (a ghost occupant,
     * XEP-0045 section 18.1), so it leaves the room. Later, outside the room's lock, which is held now.
     */
    private void bounced(Element error) {
        Stanza e = Stanza.of(error);
        Jid session = e.from();
        Jid roomJid = e.to();
        if (session == null || roomJid == null || !session.isFull() || roomJid.local() == null
                || !service.equals(roomJid.domain())) {
            return;
        }
        reactor.core.scheduler.Schedulers.parallel().schedule(() -> rooms.sessionGone(roomJid.bare(), session));
    }

    /** For tests and reports: the room's occupant count, or -1 when there is no such room. */
    public int occupants(Jid room) {
        return rooms.occupants(room);
    }
}
