package im.tandem.feature.mam;

import im.tandem.feature.muc.RoomArchive;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Room archives (XEP-0313 section 6 on a MUC room's JID) in the same store as user archives,
 * keyed by the room's bare JID: what the room broadcast (from {@code room/nick}, with its
 * stanza-id), and queries with the same filters and paging as a user's archive.
 */
@Component
public class RoomArchiving implements RoomArchive {

    private static final Logger log = LoggerFactory.getLogger(RoomArchiving.class);

    private final MessageArchive archive;
    private final MamProperties properties;

    public RoomArchiving(MessageArchive archive, MamProperties properties) {
        this.archive = archive;
        this.properties = properties;
    }

    @Override
    public Element archive(Jid room, Element broadcast) {
        if (!properties.enabled()) {
            return broadcast;
        }
        String id = StanzaIds.newId();
        Element stamped = StanzaIds.stamped(broadcast, id, room.bare());
        archive.archive(room.bare(), MessageArchive.Direction.INCOMING, stamped, id)
                .subscribe(null, e -> log.warn("archiving a message of room {} failed", room, e));
        return stamped;
    }

    @Override
    public Mono<Void> query(Jid room, Stanza iq, Consumer<Element> out) {
        if ("get".equals(iq.type())) {
            out.accept(iq.resultReply(Element.builder("query", MamFeature.NAMESPACE).child(MamFeature.queryForm()).build()));
            return Mono.empty();
        }
        ArchiveQuery query;
        try {
            query = ArchiveQuery.parse(iq.payload(), properties.defaultPageSize(), properties.maxPageSize());
        } catch (ArchiveQuery.InvalidQuery e) {
            out.accept(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST, e.getMessage())));
            return Mono.empty();
        }
        Jid requester = iq.from();
        return archive.query(room.bare(), query)
                .doOnNext(page -> {
                    for (var row : page.rows()) {
                        out.accept(ArchiveResults.result(row, query.queryId(), room.bare(), requester));
                    }
                    out.accept(iq.resultReply(ArchiveResults.fin(page)));
                })
                .onErrorResume(MessageArchive.UnknownId.class, e -> {
                    out.accept(iq.errorReply(StanzaError.of(StanzaError.Condition.ITEM_NOT_FOUND, e.getMessage())));
                    return Mono.empty();
                })
                .onErrorResume(e -> {
                    log.warn("query of room archive {} failed", room, e);
                    out.accept(iq.errorReply(StanzaError.of(StanzaError.Condition.INTERNAL_SERVER_ERROR)));
                    return Mono.empty();
                })
                .then();
    }
}
