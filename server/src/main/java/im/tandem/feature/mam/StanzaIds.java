package im.tandem.feature.mam;

import im.tandem.stanza.Jid;
import im.tandem.xml.Element;
import java.util.UUID;

/**
 * XEP-0359 Unique and Stable Stanza IDs: the {@code <stanza-id/>} an archive adds to a message,
 * and the removal of any a client forged in the name of this server's entities.
 */
public final class StanzaIds {

    public static final String NAMESPACE = "urn:xmpp:sid:0";
    public static final String STANZA_ID = "stanza-id";

    private StanzaIds() {
    }

    /** A new archive id: random, so it reveals neither timing nor counts. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * The message without the {@code <stanza-id/>} elements whose {@code by} is an entity of
     * {@code domain} (the server or one of its users): only the server may add those. Ids by
     * other entities (a room, a remote server) stay.
     */
    public static Element withoutLocal(Element message, String domain) {
        boolean any = false;
        for (Element id : message.children(STANZA_ID, NAMESPACE)) {
            any |= isLocal(id, domain);
        }
        return any ? message.withoutChildren(e -> e.is(STANZA_ID, NAMESPACE) && isLocal(e, domain)) : message;
    }

    /** The message with a stanza-id {@code id} by {@code archive}. */
    public static Element stamped(Element message, String id, Jid archive) {
        return message.withChild(Element.builder(STANZA_ID, NAMESPACE)
                .attribute("id", id)
                .attribute("by", archive.toString())
                .build());
    }

    private static boolean isLocal(Element stanzaId, String domain) {
        String by = stanzaId.attribute("by");
        if (by == null) {
            return false;
        }
        return Jid.tryParse(by).map(j -> j.domain().equals(domain)).orElse(false);
    }
}
