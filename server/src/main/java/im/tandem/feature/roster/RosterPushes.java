package im.tandem.feature.roster;

import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Sends roster pushes (RFC 6121 2.1.6) to a user's interested resources. */
@Component
public class RosterPushes {

    private final Jid domain;
    private final SessionRegistry sessions;
    private final AtomicLong ids = new AtomicLong();

    public RosterPushes(@Value("${tandem.domain:localhost}") String domain, SessionRegistry sessions) {
        this.domain = Jid.domain(domain);
        this.sessions = sessions;
    }

    public Jid bareJid(String username) {
        return Jid.of(username, domain.domain(), null);
    }

    /** Pushes one changed item, stamped with the roster version after the change. */
    public void push(String username, long version, Element item) {
        for (ClientSession session : sessions.sessionsOf(bareJid(username))) {
            if (session.isRosterRequested()) {
                session.send(Element.builder("iq", Stanza.CLIENT_NAMESPACE)
                        .attribute("type", "set")
                        .attribute("id", "push-" + ids.incrementAndGet())
                        .attribute("to", session.jid().toString())
                        .child(RosterItems.query(Long.toString(version), java.util.List.of(item)))
                        .build());
            }
        }
    }
}
