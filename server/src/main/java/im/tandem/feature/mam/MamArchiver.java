package im.tandem.feature.mam;

import im.tandem.account.AccountListener;
import im.tandem.admin.MeterNames;
import im.tandem.feature.mam.MessageArchive.Direction;
import im.tandem.feature.roster.RosterItems;
import im.tandem.routing.MessageArchiver;
import im.tandem.routing.UserDirectory;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.store.ArchiveStore;
import im.tandem.store.RosterStore;
import im.tandem.xml.Element;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Archives one-to-one messages in user archives as they pass the router: outgoing in the
 * sender's archive (the sender's other devices get the id in their {@code <sent/>} carbons),
 * incoming in the recipient's (every device, carbon, offline copy and hybrid session gets the
 * same {@code <stanza-id/>}). Forged stanza-ids in the name of this server's entities are
 * removed from every message either way.
 *
 * <p>Delivery waits for the write (bounded by {@code tandem.mam.write-timeout}): a message a
 * device shows is then always in the archive when another device asks, and each archive keeps
 * the order in which a sender's messages passed. If the write fails or times out the message
 * goes on without a stanza-id and the failure is counted: delivery matters more than the archive.
 */
@Component
@ConditionalOnProperty(name = "tandem.mam.enabled", havingValue = "true", matchIfMissing = true)
public class MamArchiver implements MessageArchiver, AccountListener {

    private static final Logger log = LoggerFactory.getLogger(MamArchiver.class);

    private final String domain;
    private final MessageArchive archive;
    private final ArchivePreferences preferences;
    private final ArchiveStore store;
    private final RosterStore roster;
    private final UserDirectory users;
    private final SessionRegistry sessions;
    private final MamProperties properties;
    private final Counter archivedIn;
    private final Counter archivedOut;
    private final Counter failures;

    public MamArchiver(@Value("${tandem.domain:localhost}") String domain, MessageArchive archive,
                       ArchivePreferences preferences, ArchiveStore store, RosterStore roster, UserDirectory users,
                       SessionRegistry sessions, MamProperties properties, MeterRegistry meters) {
        this.domain = Jid.domain(domain).domain();
        this.archive = archive;
        this.preferences = preferences;
        this.store = store;
        this.roster = roster;
        this.users = users;
        this.sessions = sessions;
        this.properties = properties;
        this.archivedIn = Counter.builder(MeterNames.MAM_ARCHIVED).tag("direction", "in")
                .description("Messages written to message archives").register(meters);
        this.archivedOut = Counter.builder(MeterNames.MAM_ARCHIVED).tag("direction", "out")
                .description("Messages written to message archives").register(meters);
        this.failures = Counter.builder(MeterNames.MAM_ARCHIVE_FAILURES)
                .description("Archive writes that failed or timed out").register(meters);
    }

    @Override
    public Mono<Stanza> sent(Stanza message, ClientSession sender) {
        Stanza clean = message.withElement(StanzaIds.withoutLocal(message.element(), domain));
        Jid to = clean.to();
        if (to == null || to.bare().equals(sender.bareJid()) || !ArchivingPolicy.archivable(clean.element())) {
            return Mono.just(clean); // a message to oneself is archived once, on its way in
        }
        return write(sender.bareJid(), Direction.OUTGOING, to, clean);
    }

    @Override
    public Mono<Stanza> received(Stanza message) {
        Stanza clean = message.withElement(StanzaIds.withoutLocal(message.element(), domain));
        Jid to = clean.to();
        Jid from = clean.from();
        if (to == null || from == null || to.local() == null || !to.domain().equals(domain)
                || !ArchivingPolicy.archivable(clean.element())) {
            return Mono.just(clean);
        }
        Mono<Boolean> exists = sessions.sessionsOf(to.bare()).isEmpty() ? users.exists(to.local()) : Mono.just(true);
        return exists.flatMap(yes -> yes ? write(to.bare(), Direction.INCOMING, from, clean) : Mono.just(clean));
    }

    private Mono<Stanza> write(Jid owner, Direction direction, Jid peer, Stanza clean) {
        Element element = clean.element();
        String id = StanzaIds.newId();
        return preferences.of(owner)
                .filterWhen(prefs -> wanted(prefs, owner, peer))
                .flatMap(prefs -> archive.archive(owner, direction, element, id)
                        .then(Mono.fromSupplier(() -> {
                            (direction == Direction.INCOMING ? archivedIn : archivedOut).increment();
                            return clean.withElement(StanzaIds.stamped(element, id, owner));
                        })))
                .timeout(properties.writeTimeout())
                .onErrorResume(e -> {
                    failures.increment();
                    log.warn("archiving a message in {} failed; delivered without an archive entry", owner, e);
                    return Mono.just(clean);
                })
                .defaultIfEmpty(clean);
    }

    private Mono<Boolean> wanted(ArchivePrefs prefs, Jid owner, Jid peer) {
        if (prefs.ruleFor(peer) == null && prefs.defaultMode() == ArchivePrefs.Mode.ROSTER) {
            return roster.item(owner.local(), peer.bare().toString())
                    .map(row -> !RosterItems.hidden(row))
                    .defaultIfEmpty(false);
        }
        return Mono.just(ArchivingPolicy.wanted(prefs, peer, () -> false));
    }

    /** A deleted account's archive and preferences go with it. */
    @Override
    public void accountChanged(String username) {
        users.exists(username)
                .filter(exists -> !exists)
                .flatMap(gone -> {
                    Jid jid = Jid.of(username, domain, null);
                    preferences.forget(jid);
                    return store.deleteArchive(jid.toString());
                })
                .subscribe(null, e -> log.warn("deleting the archive of {} failed", username, e));
    }
}
