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
    /** A connected gateway and its hybrid sessions by username; replaced as a whole when it reconnects. */
    private record Gateway(ComponentStream stream, ConcurrentMap<String, ClientSession> sessions) {
    }

    /** By gateway domain. */
    private final ConcurrentMap<String, Gateway> gateways = new ConcurrentHashMap<>();

    public HybridSessions(UserStore users, @Value("${tandem.domain:localhost}") String domain, Clock clock,
                          NodeCapacity capacity) {
        this.users = users;
        this.domain = Jid.domain(domain);
        this.clock = clock;
        capacity.countHybrids(this::count);
    }

    /** Hybrid sessions held now. */
    public int count() {
        int n = 0;
        for (Gateway g : gateways.values()) {
            n += g.sessions().size();
        }
        return n;
    }

    /** The hybrid session of {@code username} on this gateway, or null. */
    ClientSession session(String username, ComponentStream gateway) {
        Gateway g = gateways.get(gateway.domain());
        return g == null || g.stream() != gateway ? null : g.sessions().get(username);
    }

    /** The hybrid sessions of a user, one per connected gateway. */
    public List<ClientSession> sessionsOf(String username) {
        return gateways.values().stream().map(g -> g.sessions().get(username)).filter(java.util.Objects::nonNull).toList();
    }

    void gatewayConnected(ComponentStream gateway) {
        String gw = gateway.domain();
        Gateway g = new Gateway(gateway, new ConcurrentHashMap<>());
        gateways.put(gw, g);
        users.hybridUsernames().subscribe(username -> open(gateway, username),
                e -> log.error("loading hybrid users for gateway {} failed", gw, e),
                () -> log.info("gateway {}: {} hybrid sessions", gw, g.sessions().size()));
    }

    void gatewayGone(ComponentStream gateway) {
        Gateway g = gateways.get(gateway.domain());
        if (g != null && g.stream() == gateway) {
            // a late open() may still add to this map: it is no longer counted or reachable
            gateways.remove(gateway.domain(), g);
        }
    }

    @Override
    public void accountChanged(String username) {
        for (ComponentStream gateway : gateways.values().stream().map(Gateway::stream).toList()) {
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
        Gateway g = gateways.get(gateway.domain());
        if (g == null || g.stream() != gateway) {
            return;
        }
        Jid jid = Jid.of(username, domain.domain(), gateway.domain());
        g.sessions().computeIfAbsent(username, u -> {
            return new ClientSession("hybrid-" + gateway.domain(), jid, new GatewayOutput(gateway, username),
                    null, false, clock.instant());
        });
    }

    private void closeSession(String gatewayDomain, String username) {
        Gateway g = gateways.get(gatewayDomain);
        if (g != null) {
            g.sessions().remove(username);
        }
    }

    @Override
    public void received(Stanza message) {
        Jid to = message.to();
        if (to.local() == null || !to.domain().equals(domain.domain()) || gateways.isEmpty()
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
        if (gateways.isEmpty() || !CarbonCopies.eligible(message.element(), CarbonCopies.Direction.SENT)) {
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
