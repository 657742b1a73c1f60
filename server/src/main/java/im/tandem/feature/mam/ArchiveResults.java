package im.tandem.feature.mam;

import im.tandem.stanza.Delay;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.store.ArchiveStore;
import im.tandem.store.XmlFragments;
import im.tandem.xml.Element;
import java.time.temporal.ChronoUnit;

/**
 * The XML of query answers: XEP-0313 {@code <result/>} messages and the {@code <fin/>} with its
 * RSM {@code <set/>}; public for other archives (a room's) that answer the same queries.
 */
public final class ArchiveResults {

    static final String FORWARD_NAMESPACE = "urn:xmpp:forward:0";

    private ArchiveResults() {
    }

    /** One archived message of {@code archive}, forwarded to {@code requester} (the full JID that queried). */
    public static Element result(ArchiveStore.Row row, String queryId, Jid archive, Jid requester) {
        Element delay = Element.builder("delay", Delay.NAMESPACE)
                .attribute("stamp", row.storedAt().truncatedTo(ChronoUnit.MILLIS).toString())
                .build();
        Element forwarded = Element.builder("forwarded", FORWARD_NAMESPACE)
                .child(delay)
                .child(XmlFragments.parse(row.stanza()))
                .build();
        Element result = Element.builder("result", MamFeature.NAMESPACE)
                .attribute("queryid", queryId)
                .attribute("id", row.stanzaId())
                .child(forwarded)
                .build();
        return Element.builder("message", Stanza.CLIENT_NAMESPACE)
                .attribute("from", archive.toString())
                .attribute("to", requester.toString())
                .attribute("id", StanzaIds.newId())
                .child(result)
                .build();
    }

    /** The {@code <fin/>} closing a page. */
    public static Element fin(ArchivePage page) {
        Element.Builder set = Element.builder("set", ResultSetRequest.NAMESPACE);
        if (!page.rows().isEmpty()) {
            ArchiveStore.Row first = page.rows().get(0);
            ArchiveStore.Row last = page.rows().get(page.rows().size() - 1);
            if (first.seq() > last.seq()) { // a flipped page: RSM first/last still follow the archive's order
                ArchiveStore.Row t = first;
                first = last;
                last = t;
            }
            set.child(Element.builder("first", ResultSetRequest.NAMESPACE)
                    .attribute("index", Long.toString(page.firstIndex())).text(first.stanzaId()).build());
            set.textChild("last", ResultSetRequest.NAMESPACE, last.stanzaId());
        }
        set.textChild("count", ResultSetRequest.NAMESPACE, Long.toString(page.count()));
        Element.Builder fin = Element.builder("fin", MamFeature.NAMESPACE);
        if (page.complete()) {
            fin.attribute("complete", "true");
        }
        return fin.child(set.build()).build();
    }
}
