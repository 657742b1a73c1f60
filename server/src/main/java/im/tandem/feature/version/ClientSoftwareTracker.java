package im.tandem.feature.version;

import im.tandem.feature.caps.CapabilitiesListener;
import im.tandem.feature.caps.ClientCapabilities;
import im.tandem.routing.ServerRequests;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionKey;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks each client once for its software version (XEP-0092), as soon as its entity
 * capabilities are known and say it answers {@code jabber:iq:version}, and keeps the answer on
 * the session under {@link #SOFTWARE}. The session report tells phones, tablets and desktops
 * apart with it. A client that does not answer within {@link #QUERY_TIMEOUT} is not asked again.
 */
@Component
public class ClientSoftwareTracker implements CapabilitiesListener {

    /** What the client said it runs; absent until it answered. */
    public static final SessionKey<ClientSoftware> SOFTWARE = SessionKey.of("version.software", ClientSoftware.class);
    private static final SessionKey<AtomicBoolean> ASKED = SessionKey.of("version.asked", AtomicBoolean.class);

    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(ClientSoftwareTracker.class);

    private final ServerRequests requests;

    public ClientSoftwareTracker(ServerRequests requests) {
        this.requests = requests;
    }

    @Override
    public void capabilitiesResolved(ClientSession session, ClientCapabilities capabilities) {
        if (!capabilities.supports(SoftwareVersionFeature.NAMESPACE)
                || !session.computeIfAbsent(ASKED, k -> new AtomicBoolean()).compareAndSet(false, true)) {
            return;
        }
        requests.get(session, Element.of("query", SoftwareVersionFeature.NAMESPACE), QUERY_TIMEOUT)
                .subscribe(reply -> answered(session, reply),
                        e -> log.debug("version query to {} failed", session.jid(), e));
    }

    private static void answered(ClientSession session, Stanza reply) {
        Element query = reply.payload();
        if ("result".equals(reply.type()) && query != null && query.is("query", SoftwareVersionFeature.NAMESPACE)) {
            session.put(SOFTWARE, ClientSoftware.from(query));
        }
    }
}
