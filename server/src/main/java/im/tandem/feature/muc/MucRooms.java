package im.tandem.feature.muc;

import im.tandem.feature.disco.ServiceDiscovery;
import im.tandem.session.ClientSession;
import im.tandem.store.MucRoomStore;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.stanza.StanzaError.Condition;
import im.tandem.xml.Element;
import im.tandem.xml.Node;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * The rooms of the service and the way a stanza for a room reaches the right protocol part:
 * presence to {@link RoomEntry}, messages to {@link RoomMessages}, {@code muc#admin} to
 * {@link RoomAffiliations}, {@code muc#owner} to {@link RoomOwner}, disco to {@link RoomDisco}.
 * Creates rooms within the service's limits and forgets temporary rooms when they empty.
 */
final class MucRooms {

    private final MucProperties properties;
    private final RoomHistory history;
    private final MucPersistence persistence;
    private final Consumer<Element> out;
    private final ConcurrentMap<Jid, Room> rooms = new ConcurrentHashMap<>();
    private final RoomEntry entry;
    private final RoomAffiliations affiliations;
    private final RoomMessages messages;
    private final RoomOwner owner;

    private final RoomArchive archive;

    MucRooms(MucProperties properties, RoomHistory history, MucPersistence persistence, Consumer<Element> out) {
        this(properties, history, persistence, out, null);
    }

    MucRooms(MucProperties properties, RoomHistory history, MucPersistence persistence, Consumer<Element> out,
             RoomArchive archive) {
        this.archive = archive;
        this.properties = properties;
        this.history = history;
        this.persistence = persistence;
        this.out = out;
        this.entry = new RoomEntry(properties, history);
        this.affiliations = new RoomAffiliations(properties, entry, persistence::changed);
        this.messages = new RoomMessages(properties, history, affiliations, archive);
        this.owner = new RoomOwner(properties, entry, affiliations, this::forget);
    }

    int count() {
        return rooms.size();
    }

    int occupantCount() {
        int n = 0;
        for (Room room : rooms.values()) {
            synchronized (room) {
                n += room.occupants.size();
            }
        }
        return n;
    }

    int occupants(Jid jid) {
        Room room = rooms.get(jid);
        if (room == null) {
            return -1;
        }
        synchronized (room) {
            return room.occupants.size();
        }
    }

    /** The stanza for {@code to} (a room or an occupant) from a session ({@code session} may be null for non-clients). */
    void handle(Stanza stanza, Jid to, ClientSession session) {
        Jid roomJid = to.bare();
        String nick = to.resource();
        Room room = rooms.get(roomJid);
        if (stanza.kind() == Stanza.Kind.PRESENCE) {
            presence(stanza, roomJid, nick, room, session);
            return;
        }
        if (room == null) {
            if (!stanza.isError() && (stanza.kind() == Stanza.Kind.MESSAGE || stanza.isIqRequest())) {
                out.accept(error(stanza, StanzaError.of(Condition.ITEM_NOT_FOUND, "no such room")));
            }
            return;
        }
        synchronized (room) {
            if (room.destroyed) {
                out.accept(error(stanza, StanzaError.of(Condition.ITEM_NOT_FOUND, "no such room")));
                return;
            }
            Occupant sender = room.bySession.get(stanza.from());
            if (stanza.kind() == Stanza.Kind.IQ && !stanza.isIqRequest()) {
                if (nick != null) {
                    room.iqRelay.answer(room, sender, stanza);
                }
                return;
            }
            if (stanza.isError()) {
                return;
            }
            if (sender != null && !sender.allowStanza(properties.messagesPerSecond(), System.nanoTime())) {
                out.accept(error(stanza, new StanzaError(StanzaError.Type.WAIT, Condition.RESOURCE_CONSTRAINT,
                        "too many stanzas, slow down")));
                return;
            }
            StanzaError error = null;
            if (stanza.kind() == Stanza.Kind.MESSAGE) {
                error = nick == null ? messages.toRoom(room, sender, stanza) : messages.toOccupant(room, sender, stanza, nick);
            } else if (nick != null) {
                error = room.iqRelay.request(room, sender, stanza, nick);
            } else if (archive != null && stanza.payload() != null
                    && stanza.payload().is("query", RoomDisco.MAM)) {
                error = archiveQuery(room, sender, stanza);
            } else {
                out.accept(iq(room, sender, stanza));
            }
            if (error != null) {
                out.accept(error(stanza, error));
            }
            if (room.isEmpty() && !room.destroyed && (room.locked || !room.config.persistent())) {
                forget(room);
            }
        }
    }

    /**
     * XEP-0313 on the room: occupants may query; in a members-only room also its members,
     * admins and owners when not in it; in an open room anyone not banned.
     */
    private StanzaError archiveQuery(Room room, Occupant sender, Stanza iq) {
        Affiliation affiliation = room.affiliation(iq.from().bare());
        boolean member = affiliation == Affiliation.OWNER || affiliation == Affiliation.ADMIN
                || affiliation == Affiliation.MEMBER;
        if (affiliation == Affiliation.OUTCAST || (room.config.membersOnly() && sender == null && !member)) {
            return StanzaError.of(Condition.FORBIDDEN, "only the room's occupants and members may read its archive");
        }
        archive.query(room.jid, iq, out).subscribe();
        return null;
    }

    private Element iq(Room room, Occupant sender, Stanza iq) {
        Element query = iq.payload();
        boolean get = "get".equals(iq.type());
        if (query == null) {
            return iq.errorReply(StanzaError.of(Condition.BAD_REQUEST));
        }
        if (get && query.is("query", ServiceDiscovery.INFO) && query.attribute("node") == null) {
            return RoomDisco.info(room, iq, archive != null);
        }
        if (get && query.is("query", ServiceDiscovery.ITEMS) && query.attribute("node") == null) {
            return RoomDisco.items(room, iq);
        }
        if (query.is("query", Muc.ADMIN)) {
            return affiliations.handle(room, sender, iq);
        }
        if (query.is("query", Muc.OWNER)) {
            return owner.handle(room, iq);
        }
        return iq.errorReply(StanzaError.of(Condition.SERVICE_UNAVAILABLE));
    }

    private void presence(Stanza presence, Jid roomJid, String nick, Room existing, ClientSession session) {
        String type = presence.type();
        boolean available = "available".equals(type);
        if (!available && !"unavailable".equals(type) && !"error".equals(type)) {
            if (!presence.isError() && !"probe".equals(type)) {
                out.accept(presence.errorReply(StanzaError.of(Condition.BAD_REQUEST, "not a presence for a room")));
            }
            return;
        }
        if (!available) {
            // unavailable, or an error from a joined session: either way that session is out
            if (existing != null) {
                synchronized (existing) {
                    entry.leave(existing, presence.from(), presence.id(), presence.element());
                    left(existing, presence.from(), session);
                }
            }
            return;
        }
        String problem = entry.nickProblem(nick);
        if (problem != null) {
            out.accept(presence.errorReply(StanzaError.of(Condition.JID_MALFORMED, problem)));
            return;
        }
        if (!presence.from().isFull()) {
            out.accept(presence.errorReply(StanzaError.of(Condition.BAD_REQUEST, "only a client session may enter")));
            return;
        }
        Room room = existing;
        boolean created = false;
        if (room == null) {
            StanzaError refused = mayCreate(presence.from());
            if (refused != null) {
                out.accept(presence.errorReply(refused));
                return;
            }
            Room fresh = new Room(roomJid, RoomConfig.defaults(properties), Instant.now(), out);
            fresh.locked = true;
            fresh.setAffiliation(presence.from(), Affiliation.OWNER, null);
            room = rooms.putIfAbsent(roomJid, fresh);
            created = room == null;
            room = created ? fresh : room;
        }
        synchronized (room) {
            if (room.destroyed) {
                out.accept(presence.errorReply(StanzaError.of(Condition.ITEM_NOT_FOUND, "the room is gone")));
                return;
            }
            Occupant occupant = room.bySession.get(presence.from());
            StanzaError error;
            if (occupant != null && !occupant.allowStanza(properties.messagesPerSecond(), System.nanoTime())) {
                error = new StanzaError(StanzaError.Type.WAIT, Condition.RESOURCE_CONSTRAINT, "too many stanzas, slow down");
            } else if (occupant != null) {
                error = entry.update(room, occupant, presence, nick);
            } else {
                JoinedRooms joined = session == null ? null : session.computeIfAbsent(MucFeature.JOINED, k -> new JoinedRooms());
                if (joined != null && !joined.add(roomJid, properties.maxRoomsPerSession())) {
                    error = StanzaError.of(Condition.RESOURCE_CONSTRAINT, "you are in too many rooms");
                } else {
                    error = entry.enter(room, presence, nick, created);
                    if (error != null && joined != null) {
                        joined.remove(roomJid);
                    }
                }
            }
            if (error != null) {
                out.accept(presence.errorReply(error));
            }
            if (room.isEmpty() && (room.locked || !room.config.persistent())) {
                forget(room);
            }
        }
    }

    private StanzaError mayCreate(Jid user) {
        if (rooms.size() >= properties.maxRooms()) {
            return StanzaError.of(Condition.RESOURCE_CONSTRAINT, "the service holds as many rooms as it may");
        }
        int owned = 0;
        for (Room room : rooms.values()) {
            synchronized (room) {
                if (room.affiliation(user) == Affiliation.OWNER) {
                    owned++;
                }
            }
        }
        if (owned >= properties.maxRoomsPerUser()) {
            return StanzaError.of(Condition.RESOURCE_CONSTRAINT, "you own as many rooms as you may");
        }
        return null;
    }

    /** A session that was in {@code roomJid} ended. */
    void sessionGone(Jid roomJid, Jid session) {
        Room room = rooms.get(roomJid);
        if (room == null) {
            return;
        }
        synchronized (room) {
            entry.leave(room, session, null, null);
            left(room, session, null);
        }
    }

    private void left(Room room, Jid session, ClientSession client) {
        if (client != null) {
            JoinedRooms joined = client.get(MucFeature.JOINED);
            if (joined != null) {
                joined.remove(room.jid);
            }
        }
        if (room.isEmpty() && !room.destroyed && (room.locked || !room.config.persistent())) {
            forget(room);
        }
    }

    /** The room is gone: destroyed, or temporary and empty. Called under the room's lock. */
    private void forget(Room room) {
        room.destroyed = true;
        rooms.remove(room.jid, room);
        history.clear(room.jid);
        persistence.changed(room);
    }

    List<Element> publicRooms() {
        List<Element> items = new ArrayList<>();
        for (Room room : rooms.values()) {
            synchronized (room) {
                if (!room.locked && !room.destroyed && room.config.publicRoom()) {
                    items.add(Element.builder("item", ServiceDiscovery.ITEMS).attribute("jid", room.jid.toString())
                            .attribute("name", room.config.name().isEmpty() ? room.jid.local() : room.config.name())
                            .build());
                }
            }
        }
        return items;
    }

    /** Every occupant leaves with status 332 and the rooms are dropped from memory (the database keeps the persistent ones). */
    void shutdown() {
        for (Room room : new ArrayList<>(rooms.values())) {
            synchronized (room) {
                for (Occupant o : new ArrayList<>(room.occupants.values())) {
                    entry.remove(room, o, Room.Presence.codes(Muc.SHUTDOWN));
                }
                rooms.remove(room.jid, room);
                history.clear(room.jid);
            }
        }
    }

    /** Brings the persistent rooms back from the database. */
    Mono<Void> load() {
        return persistence.flushed().then(persistence.all().doOnNext(this::restore).then());
    }

    private void restore(MucRoomStore.Row row) {
        Jid jid = Jid.parse(row.room());
        RoomConfig config;
        try {
            config = RoomConfigForm.apply(RoomConfig.defaults(properties), RoomConfigForm.values(MucPersistence.config(row)),
                    properties);
        } catch (RoomConfigForm.InvalidForm e) {
            config = RoomConfig.defaults(properties);
        }
        Room room = new Room(jid, config, row.createdAt(), out);
        room.subject = row.subject() == null ? "" : row.subject();
        room.subjectBy = row.subjectBy();
        for (MucRoomStore.Affiliation a : row.affiliations()) {
            Affiliation affiliation = Affiliation.parse(a.affiliation());
            Jid user = Jid.tryParse(a.jid()).orElse(null);
            if (affiliation != null && user != null) {
                room.setAffiliation(user, affiliation, a.reason());
            }
        }
        rooms.put(jid, room);
    }

    /** The error answer to {@code stanza}; for a message it keeps the original content, so a client can match it. */
    static Element error(Stanza stanza, StanzaError error) {
        Element reply = stanza.errorReply(error);
        if (stanza.kind() != Stanza.Kind.MESSAGE) {
            return reply;
        }
        List<Node> children = new ArrayList<>(stanza.element().elements());
        children.addAll(reply.children());
        return reply.withChildren(children);
    }
}
