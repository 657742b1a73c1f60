package im.tandem.feature.blocking;

import im.tandem.session.ClientSession;
import im.tandem.session.SessionKey;
import im.tandem.session.SessionListener;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.store.BlockListStore;
import im.tandem.store.RosterItemRow;
import im.tandem.store.RosterStore;
import im.tandem.xml.Element;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The users' block lists, and what changes to them cause.
 *
 * <p>Caching: the router consults block lists on every message and iq between users, so a
 * user's list is loaded from the database once and kept in memory while the user has at
 * least one session (the case for every sender, and for most recipients of live traffic).
 * It is dropped when the last session ends and after every change (the next read reloads
 * it). Lists of users without sessions are read from the database each time and not cached:
 * that traffic goes to offline storage, which hits the database anyway, and it keeps the
 * cache bounded by the number of online users.
 */
@Component
public class BlockLists implements SessionListener {

    /** Set on sessions that asked for the block list; only they receive pushes (XEP-0191 section 3.2). */
    static final SessionKey<Boolean> INTERESTED = SessionKey.of("blocking.interested", Boolean.class);

    private final BlockListStore store;
    private final SessionRegistry sessions;
    private final RosterStore roster;
    private final String domain;
    private final ConcurrentMap<String, Mono<Set<String>>> cache = new ConcurrentHashMap<>();
    private final AtomicLong pushIds = new AtomicLong();

    public BlockLists(BlockListStore store, SessionRegistry sessions, RosterStore roster,
                      @Value("${tandem.domain:localhost}") String domain) {
        this.store = store;
        this.sessions = sessions;
        this.roster = roster;
        this.domain = domain;
    }

    /** The user's blocked JIDs, normalized. */
    public Mono<Set<String>> blocked(String username) {
        if (sessions.sessionsOf(userJid(username)).isEmpty()) {
            return load(username);
        }
        return cache.computeIfAbsent(username,
                u -> load(u).cache(list -> Duration.ofMillis(Long.MAX_VALUE), e -> Duration.ZERO, () -> Duration.ZERO));
    }

    /** Whether the user blocks {@code jid}. */
    public Mono<Boolean> blocks(String username, Jid jid) {
        return blocked(username).map(list -> BlockMatch.matches(list, jid));
    }

    /** Blocks the JIDs, pushes the change and ends the user's presence towards them. */
    public Mono<Void> block(ClientSession session, List<Jid> jids) {
        String username = session.username();
        return store.add(username, jids.stream().map(Jid::toString).toList())
                .doOnNext(added -> cache.remove(username))
                .then(Mono.fromRunnable(() -> push(session, "block", jids)))
                .thenMany(Flux.fromIterable(jids))
                .concatMap(jid -> endPresence(session, jid))
                .then();
    }

    /** Unblocks the JIDs (all of them when {@code jids} is empty) and pushes the change. */
    public Mono<Void> unblock(ClientSession session, List<Jid> jids) {
        String username = session.username();
        Mono<Long> removed = jids.isEmpty() ? store.removeAll(username)
                : store.remove(username, jids.stream().map(Jid::toString).toList());
        return removed.doOnNext(n -> cache.remove(username))
                .then(Mono.fromRunnable(() -> push(session, "unblock", jids)));
    }

    @Override
    public Mono<Void> sessionEnded(ClientSession session) {
        if (sessions.sessionsOf(session.bareJid()).isEmpty()) {
            cache.remove(session.username());
        }
        return Mono.empty();
    }

    /** How many users' lists are held in memory (for tests and diagnostics). */
    int cachedUsers() {
        return cache.size();
    }

    private Mono<Set<String>> load(String username) {
        return store.list(username).collect(LinkedHashSet<String>::new, Set::add).map(Set::copyOf);
    }

    private void push(ClientSession origin, String command, Collection<Jid> jids) {
        Element.Builder payload = Element.builder(command, BlockingFeature.NAMESPACE);
        for (Jid jid : jids) {
            payload.child(Element.builder("item", BlockingFeature.NAMESPACE).attribute("jid", jid.toString()).build());
        }
        Element item = payload.build();
        for (ClientSession s : sessions.sessionsOf(origin.bareJid())) {
            if (Boolean.TRUE.equals(s.get(INTERESTED))) {
                s.send(Element.builder("iq", Stanza.CLIENT_NAMESPACE)
                        .attribute("type", "set")
                        .attribute("id", "block-push-" + pushIds.incrementAndGet())
                        .attribute("to", s.jid().toString())
                        .child(item)
                        .build());
            }
        }
    }

    /**
     * XEP-0191 section 3.3: a blocked contact stops seeing the user as available. Only
     * contacts subscribed to the user's presence saw it; only local ones (there is no
     * federation yet) that are online can be told.
     */
    private Mono<Void> endPresence(ClientSession session, Jid contact) {
        if (contact.local() == null || !contact.domain().equals(domain)) {
            return Mono.empty();
        }
        return roster.item(session.username(), contact.bare().toString())
                .filter(item -> item.subscription() == RosterItemRow.Subscription.FROM
                        || item.subscription() == RosterItemRow.Subscription.BOTH)
                .doOnNext(item -> sendUnavailable(session.bareJid(), contact))
                .then();
    }

    private void sendUnavailable(Jid user, Jid contact) {
        List<ClientSession> recipients = contact.isFull()
                ? sessions.session(contact).map(List::of).orElse(List.of())
                : sessions.sessionsOf(contact);
        for (ClientSession from : sessions.sessionsOf(user)) {
            if (!from.isAvailable()) {
                continue;
            }
            for (ClientSession to : recipients) {
                to.send(Element.builder("presence", Stanza.CLIENT_NAMESPACE)
                        .attribute("type", "unavailable")
                        .attribute("from", from.jid().toString())
                        .attribute("to", to.jid().toString())
                        .build());
            }
        }
    }

    private Jid userJid(String username) {
        return Jid.of(username, domain, null);
    }
}
