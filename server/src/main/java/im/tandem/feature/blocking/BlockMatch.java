package im.tandem.feature.blocking;

import im.tandem.stanza.Jid;
import java.util.Set;

/**
 * The JID matching of XEP-0191 section 3.1 (the order of XEP-0016 section 2.1): an item
 * {@code user@domain/resource} matches only that full JID, {@code user@domain} the bare JID
 * and all its resources, {@code domain/resource} only that JID, {@code domain} the domain,
 * every user at it and every resource of those.
 */
final class BlockMatch {

    private BlockMatch() {
    }

    /** Whether {@code jid} is blocked by a list of normalized JID strings. */
    static boolean matches(Set<String> blocked, Jid jid) {
        if (blocked.isEmpty() || jid == null) {
            return false;
        }
        return blocked.contains(jid.toString())
                || (jid.local() != null && blocked.contains(jid.bare().toString()))
                || blocked.contains(jid.domain());
    }
}
