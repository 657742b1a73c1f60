package im.tandem.feature.presence;

import im.tandem.session.SessionKey;
import im.tandem.stanza.Jid;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The addresses a session sent available directed presence to (RFC 6121 4.6.3), told of
 * its unavailability later. Kept on the session under {@link #KEY}.
 */
final class DirectedPresence {

    static final SessionKey<DirectedPresence> KEY = SessionKey.of("presence.directed", DirectedPresence.class);

    private final Set<Jid> targets = ConcurrentHashMap.newKeySet();

    void add(Jid target) {
        targets.add(target);
    }

    void remove(Jid target) {
        targets.remove(target);
    }

    /** All targets, forgetting them. */
    List<Jid> drain() {
        List<Jid> all = List.copyOf(targets);
        targets.removeAll(all);
        return all;
    }
}
