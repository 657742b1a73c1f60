package im.tandem.feature.mam;

import im.tandem.session.ClientSession;
import im.tandem.stanza.Delay;
import im.tandem.stanza.Stanza;
import im.tandem.store.ArchiveStore;
import im.tandem.store.XmlFragments;
import im.tandem.xml.Element;
import java.time.temporal.ChronoUnit;

/** The XML of query answers: XEP-0313 {@code <result/>} messages and the {@code <fin/>} with its RSM {@code <set/>}. */
final class ArchiveResults {

    static final String FORWARD_NAMESPACE = "urn:xmpp:forward:0";

    private ArchiveResults() {
    }

    /** One archived message, forwarded to the session that queried. */
    static Element result(ArchiveStore.Row row, String queryId, ClientSession session) {
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
                .attribute("from", session.bareJid().toString())
                .attribute("to", session.jid().toString())
                .attribute("id", StanzaIds.newId())
                .child(result)
                .build();
    }

    /** The {@code <fin/>} closing a page. */
    static Element fin(ArchivePage page) {
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
