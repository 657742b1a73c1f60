package im.tandem.feature.mam;

import im.tandem.stanza.Jid;
import im.tandem.store.ArchiveStore;
import im.tandem.xml.Element;
import im.tandem.store.XmlFragments;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Message archives by archive JID: a user's bare JID here, a room's for the group chat
 * service. {@link #archive} stores one message and returns its XEP-0359 id; {@link #query}
 * runs an {@link ArchiveQuery} against one archive. Whoever calls decides who may read which
 * archive.
 */
@Component
public class MessageArchive {

    /** Which side of the conversation the archive's owner is on. */
    public enum Direction {
        /** The owner received it: the peer is {@code from}. */
        INCOMING("in"),
        /** The owner sent it: the peer is {@code to}. */
        OUTGOING("out");

        final String column;

        Direction(String column) {
            this.column = column;
        }
    }

    /** An id in a query that the archive does not hold (item-not-found). */
    public static final class UnknownId extends RuntimeException {
        UnknownId(String id) {
            super("no archived message " + id, null, false, false);
        }
    }

    /** The archive column's size. */
    static final int MAX_STANZA_CHARS = 262_144;

    private final ArchiveStore store;
    private final Clock clock;

    private final ArchiveWriter writer;

    public MessageArchive(ArchiveStore store, Clock clock) {
        this.store = store;
        this.writer = new ArchiveWriter(store);
        this.clock = clock;
    }

    /** Archives {@code message} in {@code archive} and returns the new entry's id. */
    public Mono<String> archive(Jid archive, Direction direction, Element message) {
        String id = StanzaIds.newId();
        return archive(archive, direction, message, id).thenReturn(id);
    }

    /** Archives {@code message} under an id the caller chose with {@link StanzaIds#newId()}. */
    Mono<Void> archive(Jid archive, Direction direction, Element message, String id) {
        String peerText = message.attribute(direction == Direction.INCOMING ? "from" : "to");
        Jid peer = peerText == null ? archive : Jid.tryParse(peerText).orElse(archive);
        String xml = XmlFragments.serialize(message);
        if (xml.length() > MAX_STANZA_CHARS) {
            return Mono.error(new IllegalArgumentException("message too large to archive: " + xml.length()));
        }
        return writer.write(new ArchiveStore.NewRow(archive.bare().toString(), id, direction.column,
                peer.bare().toString(), peer.resource(), clock.instant(), xml));
    }

    /** One page of {@code archive} selected by {@code query}; errors with {@link UnknownId}. */
    public Mono<ArchivePage> query(Jid archive, ArchiveQuery query) {
        String owner = archive.bare().toString();
        Mono<Long> afterId = seq(owner, query.afterId());
        Mono<Long> beforeId = seq(owner, query.beforeId());
        ResultSetRequest page = query.page();
        Mono<Long> rsmAfter = seq(owner, page.after());
        Mono<Long> rsmBefore = page.before() == null || page.before().isEmpty() ? Mono.just(-1L) : seq(owner, page.before());
        return Mono.zip(afterId, beforeId, rsmAfter, rsmBefore).flatMap(bounds -> {
            ArchiveStore.Filter set = new ArchiveStore.Filter(owner,
                    query.with() == null ? null : query.with().bare().toString(),
                    query.with() == null ? null : query.with().resource(),
                    query.start(), query.end(), positive(bounds.getT1()), positive(bounds.getT2()), query.ids());
            if (query.ids() != null && query.ids().isEmpty()) {
                return Mono.just(new ArchivePage(List.of(), true, 0, 0));
            }
            ArchiveStore.Filter window = set.withSeqBounds(
                    max(set.afterSeq(), positive(bounds.getT3())), min(set.beforeSeq(), positive(bounds.getT4())));
            Mono<Long> count = store.count(set);
            if (page.max() == 0) {
                return count.map(n -> new ArchivePage(List.of(), n == 0, n, 0));
            }
            long offset = page.index() == null ? 0 : page.index();
            return store.page(window, page.backwards(), page.max() + 1, offset).collectList().flatMap(rows -> {
                boolean complete = rows.size() <= page.max();
                List<ArchiveStore.Row> shown = new ArrayList<>(rows.subList(0, Math.min(rows.size(), page.max())));
                if (page.backwards()) {
                    Collections.reverse(shown);
                }
                Mono<Long> firstIndex = shown.isEmpty() ? Mono.just(0L)
                        : store.count(set.withSeqBounds(set.afterSeq(), min(set.beforeSeq(), shown.get(0).seq())));
                if (query.flipPage()) {
                    Collections.reverse(shown);
                }
                return Mono.zip(count, firstIndex).map(t -> new ArchivePage(shown, complete, t.getT1(), t.getT2()));
            });
        });
    }

    /** The oldest or newest entry of an archive (XEP-0313 metadata). */
    public Mono<ArchiveStore.Row> edge(Jid archive, boolean newest) {
        return store.edge(archive.bare().toString(), newest);
    }

    private Mono<Long> seq(String owner, String id) {
        if (id == null) {
            return Mono.just(-1L);
        }
        return store.seqOf(owner, id).switchIfEmpty(Mono.error(() -> new UnknownId(id)));
    }

    private static Long positive(long seq) {
        return seq < 0 ? null : seq;
    }

    private static Long max(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Long.valueOf(Math.max(a, b));
    }

    private static Long min(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Long.valueOf(Math.min(a, b));
    }
}
