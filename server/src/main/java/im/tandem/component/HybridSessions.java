package im.tandem.component;

import im.tandem.account.AccountListener;
import im.tandem.mdm.CarbonCopies;
import im.tandem.routing.DeliveryTap;
import im.tandem.session.ClientSession;
import im.tandem.session.NodeCapacity;
import im.tandem.session.StreamOutput;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StreamError;
import im.tandem.store.UserStore;
import im.tandem.xml.Element;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Hybrid sessions (SPEC section 4, Cisco JsmHybridSessionsActive): while an interop gateway
 * is connected, every hybrid, enabled account has one session {@code user@domain/<gateway
 * domain>} on it. The session is no client session and sits outside the client registry; it
 * receives a copy of each one-to-one message the user receives (addressed to the hybrid
 * session) and a XEP-0280 sent carbon of each one the user sends from a device, and the
 * gateway may send messages through it as that user. Flag changes apply at once.
 */
@Component
public class HybridSessions implements DeliveryTap, AccountListener {

    private static final Logger log = LoggerFactory.getLogger(HybridSessions.class);

    private final UserStore users;
    private final Jid domain;
    private final Clock clock;
    /** Gateway domain to (username to hybrid session). */
    private final ConcurrentMap<String, ConcurrentMap<String, ClientSession>> byGateway = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ComponentStream> gateways = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    public HybridSessions(UserStore users, @Value("${tandem.domain:localhost}") String domain, Clock clock,
                          NodeCapacity capacity) {
        this.users = users;
        this.domain = Jid.domain(domain);
        this.clock = clock;
        capacity.countHybrids(count::get);
    }

    /** Hybrid sessions held now. */
    public int count() {
        return count.get();
    }

    /** The hybrid session of {@code username} on this gateway, or null. */
    ClientSession session(String username, ComponentStream gateway) {
        ConcurrentMap<String, ClientSession> sessions = byGateway.get(gateway.domain());
        return sessions == null || gateways.get(gateway.domain()) != gateway ? null : sessions.get(username);
    }

    /** The hybrid sessions of a user, one per connected gateway. */
    public List<ClientSession> sessionsOf(String username) {
        return byGateway.values().stream().map(m -> m.get(username)).filter(java.util.Objects::nonNull).toList();
    }

    void gatewayConnected(ComponentStream gateway) {
        String gw = gateway.domain();
        gateways.put(gw, gateway);
        byGateway.put(gw, new ConcurrentHashMap<>());
        users.hybridUsernames().subscribe(username -> open(gateway, username),
                e -> log.error("loading hybrid users for gateway {} failed", gw, e),
                () -> log.info("gateway {}: {} hybrid sessions", gw, byGateway.getOrDefault(gw, new ConcurrentHashMap<>()).size()));
    }

    void gatewayGone(ComponentStream gateway) {
        String gw = gateway.domain();
        if (gateways.remove(gw, gateway)) {
            ConcurrentMap<String, ClientSession> sessions = byGateway.remove(gw);
            if (sessions != null) {
                count.addAndGet(-sessions.size());
            }
        }
    }

    @Override
    public void accountChanged(String username) {
        for (ComponentStream gateway : gateways.values()) {
            users.find(username).map(u -> u.hybrid() && !u.disabled()).defaultIfEmpty(false).subscribe(hybrid -> {
                if (hybrid) {
                    open(gateway, username);
                } else {
                    closeSession(gateway.domain(), username);
                }
            }, e -> log.warn("re-reading account {} for gateway {} failed", username, gateway.domain(), e));
        }
    }

    private void open(ComponentStream gateway, String username) {
        ConcurrentMap<String, ClientSession> sessions = byGateway.get(gateway.domain());
        if (sessions == null || gateways.get(gateway.domain()) != gateway) {
            return;
        }
        Jid jid = Jid.of(username, domain.domain(), gateway.domain());
        sessions.computeIfAbsent(username, u -> {
            count.incrementAndGet();
            return new ClientSession("hybrid-" + gateway.domain(), jid, new GatewayOutput(gateway, username),
                    null, false, clock.instant());
        });
    }

    private void closeSession(String gatewayDomain, String username) {
        ConcurrentMap<String, ClientSession> sessions = byGateway.get(gatewayDomain);
        if (sessions != null && sessions.remove(username) != null) {
            count.decrementAndGet();
        }
    }

    @Override
    public void received(Stanza message) {
        Jid to = message.to();
        if (to.local() == null || !to.domain().equals(domain.domain()) || byGateway.isEmpty()
                || !CarbonCopies.eligible(message.element(), CarbonCopies.Direction.RECEIVED)) {
            return;
        }
        for (ClientSession hybrid : sessionsOf(to.local())) {
            String gateway = hybrid.jid().resource();
            Jid from = message.from();
            if (from == null || hybrid.jid().equals(from) || from.domain().equals(gateway)
                    || from.domain().endsWith("." + gateway)) {
                continue; // the gateway sent it itself
            }
            hybrid.send(message.element().withAttribute("to", hybrid.jid().toString()));
        }
    }

    @Override
    public void sent(Stanza message, ClientSession sender) {
        if (byGateway.isEmpty() || !CarbonCopies.eligible(message.element(), CarbonCopies.Direction.SENT)) {
            return;
        }
        for (ClientSession hybrid : sessionsOf(sender.username())) {
            if (hybrid != sender) {
                hybrid.send(CarbonCopies.wrap(message.element(), CarbonCopies.Direction.SENT, hybrid.jid()));
            }
        }
    }

    /** Where a hybrid session's stanzas go: its gateway's stream. Closing it ends only this session. */
    private final class GatewayOutput implements StreamOutput {

        private final ComponentStream gateway;
        private final String username;

        GatewayOutput(ComponentStream gateway, String username) {
            this.gateway = gateway;
            this.username = username;
        }

        @Override
        public void send(Element stanza) {
            gateway.send(stanza);
        }

        @Override
        public void close(StreamError error) {
            closeSession(gateway.domain(), username);
        }

        @Override
        public boolean isOpen() {
            return gateway.isOpen();
        }
    }
}
