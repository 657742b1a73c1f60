package im.tandem.feature.muc;

import im.tandem.store.MucRoomStore;
import im.tandem.store.XmlFragments;
import im.tandem.stanza.Jid;
import im.tandem.xml.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Writes persistent rooms to the database one change at a time, in the order the rooms made
 * them, without holding a room's lock while the database works; reads them back on start.
 */
@Component
public class MucPersistence {

    private static final Logger log = LoggerFactory.getLogger(MucPersistence.class);

    private final MucRoomStore store;
    private final Sinks.Many<Mono<Void>> writes = Sinks.many().unicast().onBackpressureBuffer();

    public MucPersistence(MucRoomStore store) {
        this.store = store;
        writes.asFlux().concatMap(write -> write.onErrorResume(e -> {
            log.warn("could not store a group chat room", e);
            return Mono.empty();
        })).subscribe();
    }

    /** Stores (or, when it is no longer persistent, forgets) {@code room}; called under the room's lock. */
    void changed(Room room) {
        if (room.destroyed || !room.config.persistent()) {
            enqueue(store.delete(room.jid.toString()));
            return;
        }
        if (room.locked) {
            return;
        }
        List<MucRoomStore.Affiliation> affiliations = new ArrayList<>();
        for (Map.Entry<Jid, Affiliation> e : room.affiliations.entrySet()) {
            affiliations.add(new MucRoomStore.Affiliation(e.getKey().toString(), e.getValue().xml(),
                    room.reasons.get(e.getKey())));
        }
        enqueue(store.save(new MucRoomStore.Row(room.jid.toString(), XmlFragments.serialize(RoomConfigForm.submitted(room.config)),
                room.subject, room.subjectBy, room.createdAt, affiliations)));
    }

    /** Waits until every change enqueued so far is written. */
    public Mono<Void> flushed() {
        Sinks.One<Void> done = Sinks.one();
        enqueue(Mono.fromRunnable(() -> done.tryEmitEmpty()));
        return done.asMono();
    }

    Flux<MucRoomStore.Row> all() {
        return store.all();
    }

    static Element config(MucRoomStore.Row row) {
        return XmlFragments.parse(row.config());
    }

    private synchronized void enqueue(Mono<Void> write) {
        writes.tryEmitNext(Mono.defer(() -> write));
    }
}
