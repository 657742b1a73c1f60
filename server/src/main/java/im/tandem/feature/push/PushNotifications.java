package im.tandem.feature.push;

import im.tandem.account.AccountListener;
import im.tandem.admin.MeterNames;
import im.tandem.c2s.sm.HibernationObserver;
import im.tandem.component.ExternalComponents;
import im.tandem.feature.XmppFeature;
import im.tandem.mdm.CarbonCopies;
import im.tandem.routing.DeliveryTap;
import im.tandem.session.ClientSession;
import im.tandem.session.DeviceWakeup;
import im.tandem.session.NodeCapacity;
import im.tandem.session.SessionKinds;
import im.tandem.session.SessionListener;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.store.PushRegistrationStore;
import im.tandem.store.XmlFragments;
import im.tandem.xml.Element;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The push service of XEP-0357: registrations per device (kept in the database and in memory),
 * phantom sessions (a push-enabled session whose connection dropped lives on for the phantom
 * lifetime, counted as {@code tandem_jsm_phantom_sessions_active}), and the notifications to
 * app servers. A registration whose app server fails {@code max-failures} times in a row is
 * removed. Meters: {@code tandem_push_notifications_total{result}}, {@code tandem_push_registrations},
 * {@code tandem_push_registrations_disabled_total}.
 */
@Component
public class PushNotifications implements XmppFeature, HibernationObserver, DeviceWakeup, DeliveryTap, SessionListener,
        AccountListener {

    static final String NAMESPACE = "urn:xmpp:push:0";
    static final String SUMMARY = "urn:xmpp:push:summary";
    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String DATA = "jabber:x:data";

    private static final Logger log = LoggerFactory.getLogger(PushNotifications.class);

    private final PushProperties properties;
    private final PushRegistrationStore store;
    private final ExternalComponents components;
    private final SessionRegistry sessions;
    private final Clock clock;
    private final Map<String, List<PushRegistration>> byUser = new ConcurrentHashMap<>();
    private final Set<ClientSession> phantoms = ConcurrentHashMap.newKeySet();
    private final Counter sent;
    private final Counter failed;
    private final Counter unreachable;
    private final Counter disabled;

    public PushNotifications(PushProperties properties, PushRegistrationStore store, ExternalComponents components,
                             SessionRegistry sessions, NodeCapacity capacity, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.store = store;
        this.components = components;
        this.sessions = sessions;
        this.clock = clock;
        capacity.countPhantoms(phantoms::size);
        Gauge.builder(MeterNames.PUSH_REGISTRATIONS, byUser, m -> m.values().stream().mapToInt(List::size).sum())
                .description("Push registrations (devices with XEP-0357 enabled)").register(meters);
        this.sent = Counter.builder(MeterNames.PUSH_NOTIFICATIONS).tag("result", "sent")
                .description("Push notifications to app servers").register(meters);
        this.failed = Counter.builder(MeterNames.PUSH_NOTIFICATIONS).tag("result", "failed")
                .description("Push notifications to app servers").register(meters);
        this.unreachable = Counter.builder(MeterNames.PUSH_NOTIFICATIONS).tag("result", "unreachable")
                .description("Push notifications to app servers").register(meters);
        this.disabled = Counter.builder(MeterNames.PUSH_REGISTRATIONS_DISABLED)
                .description("Push registrations removed after repeated failures").register(meters);
        if (properties.enabled()) {
            store.all().subscribe(this::load, e -> log.error("loading push registrations failed", e));
        }
    }

    @Override
    public List<String> accountFeatures() {
        return properties.enabled() ? List.of(NAMESPACE) : List.of();
    }

    public boolean enabled() {
        return properties.enabled();
    }

    /** Phantom sessions now. */
    public int phantomCount() {
        return phantoms.size();
    }

    /** The registrations of a user (a snapshot). */
    List<PushRegistration> registrationsOf(String username) {
        return List.copyOf(byUser.getOrDefault(username, List.of()));
    }

    // --- enable / disable ---------------------------------------------------------------

    /**
     * Registers {@code session}'s device with an app server; replaces the device's earlier
     * registration with the same service (a new node is a new token). Empty if the user holds
     * too many registrations already.
     */
    Mono<PushRegistration> enable(ClientSession session, Jid service, String node, Element publishOptions) {
        String user = session.username();
        List<PushRegistration> list = byUser.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>());
        List<PushRegistration> replaced = new ArrayList<>();
        for (PushRegistration r : list) {
            if (r.same(service, node) || (r.resource.equals(session.jid().resource()) && r.service.equals(service))) {
                replaced.add(r);
            }
        }
        if (list.size() - replaced.size() >= properties.maxRegistrationsPerUser()) {
            return Mono.empty();
        }
        PushRegistration registration = new PushRegistration(user, service, node, session.jid().resource(),
                publishOptions, clock.instant());
        return store.put(registration.row(), replaced.stream().map(PushRegistration::row).toList())
                .then(Mono.fromRunnable(() -> {
                    list.removeAll(replaced);
                    list.add(registration);
                }))
                .thenReturn(registration);
    }

    /** Removes the user's registrations with {@code service} (and {@code node}, if given); how many. */
    Mono<Integer> disable(String user, Jid service, String node) {
        List<PushRegistration> list = byUser.getOrDefault(user, List.of());
        List<PushRegistration> gone = list.stream()
                .filter(r -> r.service.equals(service) && (node == null || r.node.equals(node))).toList();
        return reactor.core.publisher.Flux.fromIterable(gone)
                .concatMap(r -> store.delete(r.username, r.service.toString(), r.node))
                .then(Mono.fromCallable(() -> {
                    list.removeAll(gone);
                    return gone.size();
                }));
    }

    // --- when to notify -----------------------------------------------------------------

    /** An account changed or went: its registrations are read again (a deleted account's are gone with it). */
    @Override
    public void accountChanged(String username) {
        if (!properties.enabled()) {
            return;
        }
        store.forUser(username).collectList().subscribe(rows -> {
            if (rows.isEmpty()) {
                byUser.remove(username);
            }
        }, e -> log.warn("re-reading push registrations of {} failed", username, e));
    }

    @Override
    public Duration lifetime(ClientSession session) {
        return registrationOf(session) != null ? properties.phantomLifetime() : null;
    }

    @Override
    public void hibernated(ClientSession session) {
        if (registrationOf(session) != null) {
            session.put(SessionKinds.PHANTOM, Boolean.TRUE);
            phantoms.add(session);
        }
    }

    @Override
    public void queued(ClientSession session, Element stanza) {
        if (SessionKinds.isPhantom(session) && wakesDevice(stanza)) {
            notifyDevice(registrationOf(session), stanza);
        }
    }

    @Override
    public void awake(ClientSession session) {
        session.remove(SessionKinds.PHANTOM);
        phantoms.remove(session);
        PushRegistration r = registrationOf(session);
        if (r != null) {
            r.pending.set(0);
        }
    }

    @Override
    public void wake(ClientSession session, Element message) {
        if (SessionKinds.isPhantom(session)) {
            return; // its queued() hook notifies
        }
        PushRegistration r = registrationOf(session);
        if (r != null && wakesDevice(message)) {
            notifyDevice(r, message);
        }
    }

    /** A message for a user none of whose devices is available: it goes to offline storage; wake the devices. */
    @Override
    public void received(Stanza message) {
        Jid to = message.to();
        List<PushRegistration> list = to.local() == null ? null : byUser.get(to.local());
        if (list == null || list.isEmpty() || !wakesDevice(message.element())) {
            return;
        }
        for (ClientSession s : sessions.sessionsOf(to)) {
            if (s.isAvailable() && s.priority() >= 0) {
                return; // a session gets it (a phantom one notifies when it queues it)
            }
        }
        for (PushRegistration r : list) {
            if (sessions.session(to.bare().withResource(r.resource)).isEmpty()) {
                notifyDevice(r, message.element());
            }
        }
    }

    @Override
    public Mono<Void> sessionStarted(ClientSession session) {
        PushRegistration r = registrationOf(session);
        if (r != null) {
            r.pending.set(0);
        }
        return Mono.empty();
    }

    @Override
    public Mono<Void> sessionEnded(ClientSession session) {
        awake(session);
        return Mono.empty();
    }

    /** Instant messages wake a device; chat states, receipts, markers and carbons of what another device got do not. */
    private static boolean wakesDevice(Element message) {
        if (!"message".equals(message.name()) || CarbonCopies.isCarbon(message)) {
            return false;
        }
        String type = message.attribute("type");
        return (type == null || type.equals("chat") || type.equals("normal")) && CarbonCopies.hasBody(message);
    }

    private PushRegistration registrationOf(ClientSession session) {
        if (!properties.enabled()) {
            return null;
        }
        List<PushRegistration> list = byUser.get(session.username());
        if (list != null) {
            for (PushRegistration r : list) {
                if (r.resource.equals(session.jid().resource())) {
                    return r;
                }
            }
        }
        return null;
    }

    // --- the notification ---------------------------------------------------------------

    private void notifyDevice(PushRegistration r, Element message) {
        if (r == null) {
            return;
        }
        r.pending.incrementAndGet();
        r.latest = message;
        if (!components.isConnected(r.service.domain())) {
            // the app server is away (restarting, say): no notification, and no failure counted
            unreachable.increment();
            return;
        }
        if (!r.inFlight.compareAndSet(false, true)) {
            r.dirty = true;
            return;
        }
        send(r);
    }

    private void send(PushRegistration r) {
        r.dirty = false;
        Element message = r.latest;
        Element.Builder form = Element.builder("x", DATA).attribute("type", "submit")
                .child(field("FORM_TYPE", SUMMARY))
                .child(field("message-count", Integer.toString(r.pending.get())));
        String from = message.attribute("from");
        if (properties.includeSender() && from != null) {
            form.child(field("last-message-sender", from));
        }
        String body = message.childText("body", Stanza.CLIENT_NAMESPACE);
        if (properties.includeBody() && body != null) {
            form.child(field("last-message-body", body.length() > 256 ? body.substring(0, 256) : body));
        }
        Element.Builder pubsub = Element.builder("pubsub", PUBSUB)
                .child(Element.builder("publish", PUBSUB).attribute("node", r.node)
                        .child(Element.builder("item", PUBSUB)
                                .child(Element.builder("notification", NAMESPACE).child(form.build()).build())
                                .build())
                        .build());
        if (r.publishOptions != null) {
            pubsub.child(Element.builder("publish-options", PUBSUB).child(r.publishOptions).build());
        }
        Jid user = Jid.of(r.username, components.serverDomainName(), null);
        components.request("set", user, r.service, pubsub.build(), properties.timeout())
                .map(reply -> "result".equals(reply.type()))
                .defaultIfEmpty(false)
                .subscribe(ok -> {
                    if (ok) {
                        r.failures.set(0);
                        sent.increment();
                    } else {
                        failure(r);
                    }
                    finished(r);
                }, e -> {
                    log.warn("push notification for {} failed", r, e);
                    failure(r);
                    finished(r);
                });
    }

    /** The answer came: if more messages arrived meanwhile, one more notification with the latest count. */
    private void finished(PushRegistration r) {
        r.inFlight.set(false);
        List<PushRegistration> list = byUser.get(r.username);
        if (r.dirty && list != null && list.contains(r) && r.inFlight.compareAndSet(false, true)) {
            send(r);
        }
    }

    private void failure(PushRegistration r) {
        failed.increment();
        if (r.failures.incrementAndGet() >= properties.maxFailures()) {
            List<PushRegistration> list = byUser.get(r.username);
            if (list != null && list.remove(r)) {
                disabled.increment();
                log.info("{} removed after {} failed notifications in a row", r, r.failures.get());
                store.delete(r.username, r.service.toString(), r.node)
                        .subscribe(null, e -> log.warn("removing {} failed", r, e));
            }
        }
    }

    private static Element field(String var, String value) {
        return Element.builder("field", DATA).attribute("var", var).textChild("value", DATA, value).build();
    }

    private void load(PushRegistrationStore.Row row) {
        try {
            Element options = row.publishOptions() == null ? null : XmlFragments.parse(row.publishOptions());
            byUser.computeIfAbsent(row.username(), u -> new CopyOnWriteArrayList<>())
                    .add(new PushRegistration(row.username(), Jid.parse(row.serviceJid()), row.node(), row.resource(),
                            options, row.createdAt()));
        } catch (RuntimeException e) {
            log.warn("skipping an unreadable push registration of {}", row.username(), e);
        }
    }
}
