package im.tandem.feature.muc;

import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * A room's message archive (XEP-0313 on the room's JID), when a bean of this type exists: each
 * groupchat message with a body is archived once, whatever the number of occupants and their
 * sessions, and broadcast with the archive's {@code <stanza-id by='room'/>} (XEP-0359), so
 * clients can catch up from the last message they saw.
 */
public interface RoomArchive {

    /** The broadcast with its stanza-id; it is archived in the background (a failure loses only the archive entry). */
    Element archive(Jid room, Element broadcast);

    /**
     * Answers a {@code urn:xmpp:mam:2} iq to the room from {@code requester} (access already
     * checked): the form for a get, else result messages and then the final iq, all through {@code out}.
     */
    Mono<Void> query(Jid room, Stanza iq, Consumer<Element> out);
}
