package im.tandem.session;

import im.tandem.stanza.Jid;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The bound client sessions of this node, by bare JID. Each user's sessions are a small
 * copy-on-write array: reads (every routed stanza) take no lock, writes (bind, close) are rare.
 */
@Component
public class SessionRegistry {

    private final ConcurrentMap<Jid, ClientSession[]> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger sessionCount = new AtomicInteger();

    /**
     * Adds a session. If another session of the same full JID exists it is removed and
     * returned: the caller closes it with a {@code conflict} stream error.
     */
    public Optional<ClientSession> register(ClientSession session) {
        ClientSession[] replaced = new ClientSession[1];
        byUser.compute(session.bareJid(), (bare, current) -> {
            if (current == null) {
                return new ClientSession[] {session};
            }
            List<ClientSession> next = new ArrayList<>(current.length + 1);
            for (ClientSession s : current) {
                if (s.jid().equals(session.jid())) {
                    replaced[0] = s;
                } else {
                    next.add(s);
                }
            }
            next.add(session);
            return next.toArray(ClientSession[]::new);
        });
        if (replaced[0] == null) {
            sessionCount.incrementAndGet();
        }
        return Optional.ofNullable(replaced[0]);
    }

    /** Removes this very session (not a newer one that took over its full JID); true if it was registered. */
    public boolean unregister(ClientSession session) {
        boolean[] removed = new boolean[1];
        byUser.computeIfPresent(session.bareJid(), (bare, current) -> {
            List<ClientSession> next = new ArrayList<>(current.length);
            for (ClientSession s : current) {
                if (s == session) {
                    removed[0] = true;
                } else {
                    next.add(s);
                }
            }
            return next.isEmpty() ? null : next.toArray(ClientSession[]::new);
        });
        if (removed[0]) {
            sessionCount.decrementAndGet();
        }
        return removed[0];
    }

    /** The sessions of a user, in bind order; empty when none. */
    public List<ClientSession> sessionsOf(Jid jid) {
        ClientSession[] sessions = byUser.get(jid.bare());
        return sessions == null ? List.of() : List.of(sessions);
    }

    /** The session bound to exactly this full JID. */
    public Optional<ClientSession> session(Jid fullJid) {
        ClientSession[] sessions = byUser.get(fullJid.bare());
        if (sessions != null) {
            for (ClientSession s : sessions) {
                if (s.jid().equals(fullJid)) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    public Collection<ClientSession> all() {
        List<ClientSession> all = new ArrayList<>(sessionCount.get());
        for (ClientSession[] sessions : byUser.values()) {
            all.addAll(List.of(sessions));
        }
        return all;
    }

    public int sessionCount() {
        return sessionCount.get();
    }

    public int userCount() {
        return byUser.size();
    }
}
