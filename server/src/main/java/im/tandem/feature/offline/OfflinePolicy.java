package im.tandem.feature.offline;

import im.tandem.stanza.Delay;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import java.time.Instant;

/**
 * Which messages are worth keeping for later (XEP-0160 section 3, XEP-0334 hints) and the
 * XEP-0203 delay stamp they carry when delivered. Pure functions, no I/O.
 */
final class OfflinePolicy {

    static final String HINTS = "urn:xmpp:hints";
    static final String DELAY = Delay.NAMESPACE;
    static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";

    private OfflinePolicy() {
    }

    /**
     * Whether to store: type chat or normal, no {@code no-store} hint, and some content a
     * user would miss (a body, a subject, any extension) rather than only chat states,
     * hints or a thread id. A {@code store} hint stores whatever it is on.
     */
    static boolean worthStoring(Stanza message) {
        String type = message.type();
        if (!"chat".equals(type) && !"normal".equals(type)) {
            return false;
        }
        Element element = message.element();
        if (element.child("no-store", HINTS) != null) {
            return false;
        }
        if (element.child("store", HINTS) != null) {
            return true;
        }
        for (Element child : element.elements()) {
            String ns = child.namespace();
            boolean transientOnly = ns.equals(CHAT_STATES) || ns.equals(HINTS)
                    || (ns.equals(Stanza.CLIENT_NAMESPACE) && child.name().equals("thread"));
            if (!transientOnly) {
                return true;
            }
        }
        return false;
    }

    /** The message with a {@code <delay/>} from the server's domain at {@code now}. */
    static Element stamped(Element message, String domain, Instant now) {
        return Delay.stamped(message, domain, now);
    }
}
