package im.tandem.feature.mam;

import im.tandem.stanza.Jid;
import im.tandem.store.ArchiveStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Users' archiving preferences, persisted in the archive store and kept in a bounded
 * least-recently-used cache: every archived message asks for them.
 */
@Component
public class ArchivePreferences {

    /** Archives whose preferences stay cached; beyond that the least recently used go. */
    static final int CACHE_SIZE = 10_000;

    private final ArchiveStore store;
    private final ArchivePrefs defaults;
    private final Map<String, ArchivePrefs> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ArchivePrefs> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    public ArchivePreferences(ArchiveStore store, MamProperties properties) {
        this.store = store;
        ArchivePrefs.Mode mode = ArchivePrefs.Mode.parse(properties.defaultMode().toLowerCase(Locale.ROOT));
        if (mode == null) {
            throw new IllegalArgumentException("tandem.mam.default-mode must be always, never or roster");
        }
        this.defaults = ArchivePrefs.defaults(mode);
    }

    /** The preferences of an archive, the configured default if never set. */
    public Mono<ArchivePrefs> of(Jid archive) {
        String key = archive.bare().toString();
        ArchivePrefs cached = cache.get(key);
        if (cached != null) {
            return Mono.just(cached);
        }
        return store.prefs(key)
                .map(ArchivePreferences::fromRow)
                .defaultIfEmpty(defaults)
                .doOnNext(p -> cache.put(key, p));
    }

    /** Replaces the preferences of an archive. */
    public Mono<ArchivePrefs> set(Jid archive, ArchivePrefs prefs) {
        String key = archive.bare().toString();
        Map<String, String> rules = new LinkedHashMap<>();
        prefs.rules().forEach((jid, rule) -> rules.put(jid, rule.value()));
        cache.remove(key);
        return store.savePrefs(key, new ArchiveStore.Prefs(prefs.defaultMode().value(), rules))
                .doFinally(s -> cache.remove(key))
                .thenReturn(prefs);
    }

    /** Forgets an archive's cached preferences (its account is gone). */
    public void forget(Jid archive) {
        cache.remove(archive.bare().toString());
    }

    private static ArchivePrefs fromRow(ArchiveStore.Prefs row) {
        Map<String, ArchivePrefs.Rule> rules = new LinkedHashMap<>();
        row.rules().forEach((jid, rule) -> rules.put(jid, ArchivePrefs.Rule.valueOf(rule.toUpperCase(Locale.ROOT))));
        ArchivePrefs.Mode mode = ArchivePrefs.Mode.parse(row.defaultMode());
        return new ArchivePrefs(mode == null ? ArchivePrefs.Mode.ALWAYS : mode, rules);
    }
}
