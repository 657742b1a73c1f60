package im.tandem.feature.caps;

import im.tandem.config.LazyBeans;
import im.tandem.feature.DiscoIdentity;
import im.tandem.feature.disco.ServiceDiscovery;
import im.tandem.routing.PresenceListener;
import im.tandem.routing.ServerRequests;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionKey;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Resolves the caps a session advertises in its presence. A verified {@code ver} is cached
 * for every session that advertises it (thousands of devices run the same few clients);
 * an unverifiable one (legacy caps, a wrong hash) is kept for that session only, so a
 * client cannot poison what other sessions are believed to support.
 */
@Component
public class ClientCapsTracker implements PresenceListener {

    /** The resolved capabilities of a session, absent until its disco#info answered. */
    public static final SessionKey<ClientCapabilities> CAPABILITIES = SessionKey.of("caps", ClientCapabilities.class);
    private static final SessionKey<String> ADVERTISED = SessionKey.of("caps.ver", String.class);

    private static final Logger log = LoggerFactory.getLogger(ClientCapsTracker.class);
    private static final int MAX_CACHED = 10_000;
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private final ServerRequests requests;
    private final LazyBeans<CapabilitiesListener> listeners;
    private final Map<String, ClientCapabilities> verified = new ConcurrentHashMap<>();

    public ClientCapsTracker(ServerRequests requests, ObjectProvider<CapabilitiesListener> listeners) {
        this.requests = requests;
        this.listeners = LazyBeans.of(listeners);
    }

    @Override
    public void presenceChanged(ClientSession session, Element presence) {
        Element c = presence.child("c", ServiceDiscovery.CAPS);
        if (c == null || c.attribute("node") == null || c.attribute("ver") == null) {
            return;
        }
        String node = c.attribute("node");
        String ver = c.attribute("ver");
        String hash = c.attribute("hash");
        if (ver.equals(session.get(ADVERTISED))) {
            return;
        }
        session.put(ADVERTISED, ver);
        ClientCapabilities known = "sha-1".equals(hash) ? verified.get(ver) : null;
        if (known != null) {
            session.put(CAPABILITIES, known);
            tell(session, known);
            return;
        }
        Element query = Element.builder("query", ServiceDiscovery.INFO).attribute("node", node + "#" + ver).build();
        requests.get(session, query, QUERY_TIMEOUT).subscribe(reply -> resolved(session, node, ver, hash, reply),
                e -> log.debug("caps query to {} failed", session.jid(), e));
    }

    private void resolved(ClientSession session, String node, String ver, String hash, Stanza reply) {
        Element info = reply.payload();
        if (!"result".equals(reply.type()) || info == null || !info.is("query", ServiceDiscovery.INFO)) {
            return;
        }
        List<DiscoIdentity> identities = new ArrayList<>();
        for (Element identity : info.children("identity", ServiceDiscovery.INFO)) {
            if (identity.attribute("category") != null && identity.attribute("type") != null) {
                identities.add(new DiscoIdentity(identity.attribute("category"), identity.attribute("type"),
                        identity.attribute("name")));
            }
        }
        Set<String> features = new LinkedHashSet<>();
        for (Element feature : info.children("feature", ServiceDiscovery.INFO)) {
            if (feature.attribute("var") != null) {
                features.add(feature.attribute("var"));
            }
        }
        ClientCapabilities capabilities = new ClientCapabilities(node, List.copyOf(identities), Set.copyOf(features));
        if (ver.equals(session.get(ADVERTISED))) {
            session.put(CAPABILITIES, capabilities);
            tell(session, capabilities);
        }
        if ("sha-1".equals(hash) && info.children("x", "jabber:x:data").isEmpty()
                && ver.equals(ServiceDiscovery.capsVer(identities, new TreeSet<>(features)))
                && verified.size() < MAX_CACHED) {
            verified.put(ver, capabilities);
        }
    }

    private void tell(ClientSession session, ClientCapabilities capabilities) {
        for (CapabilitiesListener listener : listeners.get()) {
            try {
                listener.capabilitiesResolved(session, capabilities);
            } catch (RuntimeException e) {
                log.warn("capabilities listener {} failed for {}", listener, session.jid(), e);
            }
        }
    }
}
