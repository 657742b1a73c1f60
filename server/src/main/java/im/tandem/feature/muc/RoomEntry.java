package im.tandem.feature.muc;

import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.stanza.StanzaError.Condition;
import im.tandem.xml.Element;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Entering, changing presence or nickname in, and leaving a room (XEP-0045 sections 7.2 to 7.4,
 * 7.6, 7.14). Callers hold the room's lock.
 */
final class RoomEntry {

    private final MucProperties properties;
    private final RoomHistory history;

    RoomEntry(MucProperties properties, RoomHistory history) {
        this.properties = properties;
        this.history = history;
    }

    /** Why a nickname is refused, or null when it is fine. */
    String nickProblem(String nick) {
        if (nick == null || nick.isBlank()) {
            return "a nickname is required";
        }
        if (nick.codePointCount(0, nick.length()) > properties.maxNickLength()
                || nick.getBytes(StandardCharsets.UTF_8).length > 4 * properties.maxNickLength()) {
            return "the nickname is longer than " + properties.maxNickLength() + " characters";
        }
        if (!nick.strip().equals(nick)) {
            return "a nickname may not start or end with white space";
        }
        return null;
    }

    /**
     * A session that is not in the room asks to enter as {@code nick}; an error condition, or null when it entered.
     * {@code created} tells that the room was just made for it.
     */
    StanzaError enter(Room room, Stanza presence, String nick, boolean created) {
        Jid session = presence.from();
        Affiliation affiliation = room.affiliation(session);
        Element mucX = presence.element().child("x", Muc.NAMESPACE);
        if (room.locked && affiliation != Affiliation.OWNER) {
            return StanzaError.of(Condition.ITEM_NOT_FOUND, "the room is locked until its owner configures it");
        }
        if (affiliation == Affiliation.OUTCAST) {
            return StanzaError.of(Condition.FORBIDDEN, "you are banned from this room");
        }
        Occupant same = room.occupants.get(nick);
        if (same != null && !same.user.equals(session.bare())) {
            return StanzaError.of(Condition.CONFLICT, "that nickname is in use");
        }
        if (room.config.membersOnly() && affiliation.rank() < Affiliation.MEMBER.rank()) {
            return StanzaError.of(Condition.REGISTRATION_REQUIRED, "the room is members-only");
        }
        if (room.config.passwordProtected() && !affiliation.isAdmin()) {
            String given = mucX == null ? null : mucX.childText("password", Muc.NAMESPACE);
            if (!room.config.password().equals(given)) {
                return StanzaError.of(Condition.NOT_AUTHORIZED, "a password is required");
            }
        }
        if (same == null && room.occupants.size() >= room.config.maxUsers() && !affiliation.isAdmin()) {
            return new StanzaError(StanzaError.Type.WAIT, Condition.SERVICE_UNAVAILABLE, "the room is full");
        }
        Occupant occupant = same;
        boolean firstSession = occupant == null;
        if (firstSession) {
            occupant = new Occupant(session.bare(), nick, room.defaultRole(affiliation));
            room.occupants.put(nick, occupant);
        }
        occupant.sessions.put(session, withoutMuc(presence.element()));
        room.bySession.put(session, occupant);
        // the occupants already there, then the newcomer as everyone sees it, self-presence last
        for (Occupant other : room.occupants.values()) {
            if (other != occupant) {
                room.send(room.presenceOf(other, occupant, null, Room.Presence.PLAIN).withAttribute("to", session.toString()));
            }
        }
        List<Integer> selfCodes = new ArrayList<>();
        if (room.config.whoisAnyone()) {
            selfCodes.add(Muc.NON_ANONYMOUS);
        }
        if (created) {
            selfCodes.add(Muc.CREATED);
        }
        Room.Presence detail = new Room.Presence(List.of(), selfCodes, null, null, null, null);
        if (firstSession) {
            for (Occupant viewer : room.occupants.values()) {
                if (viewer != occupant) {
                    room.sendTo(viewer, room.presenceOf(occupant, viewer, null, Room.Presence.PLAIN));
                }
            }
        }
        room.send(room.presenceOf(occupant, occupant, null, detail)
                .withAttribute("to", session.toString()).withAttribute("id", presence.id()));
        if (!created) {
            sendHistory(room, session, mucX == null ? null : mucX.child("history", Muc.NAMESPACE));
        }
        room.send(subjectMessage(room).withAttribute("to", session.toString()));
        return null;
    }

    private void sendHistory(Room room, Jid session, Element request) {
        RoomHistory.Request limits = RoomHistory.Request.ALL;
        if (request != null) {
            limits = new RoomHistory.Request(number(request.attribute("maxchars")), number(request.attribute("maxstanzas")),
                    number(request.attribute("seconds")), instant(request.attribute("since")));
        }
        for (RoomHistory.Entry entry : history.recent(room.jid, limits)) {
            Element delay = Element.builder("delay", Muc.DELAY).attribute("from", room.jid.toString())
                    .attribute("stamp", entry.at().toString()).build();
            room.send(entry.message().withChild(delay).withAttribute("to", session.toString()));
        }
    }

    static Element subjectMessage(Room room) {
        Element.Builder m = Element.builder("message", Stanza.CLIENT_NAMESPACE)
                .attribute("from", room.subjectBy == null ? room.jid.toString() : room.occupantJid(room.subjectBy).toString())
                .attribute("type", "groupchat").attribute("id", java.util.UUID.randomUUID().toString());
        m.child(room.subject.isEmpty() ? Element.of("subject", Stanza.CLIENT_NAMESPACE)
                : Element.builder("subject", Stanza.CLIENT_NAMESPACE).text(room.subject).build());
        return m.build();
    }

    /** An occupant session sent available presence to {@code nick}: a presence change, or a nickname change. */
    StanzaError update(Room room, Occupant occupant, Stanza presence, String nick) {
        Jid session = presence.from();
        if (nick.equals(occupant.nick)) {
            occupant.sessions.put(session, withoutMuc(presence.element()));
            room.broadcastPresence(occupant, null, Room.Presence.PLAIN, presence.id());
            return null;
        }
        Occupant holder = room.occupants.get(nick);
        if (holder != null) {
            return StanzaError.of(Condition.CONFLICT, "that nickname is in use");
        }
        if (occupant.sessions.size() > 1) {
            return StanzaError.of(Condition.NOT_ACCEPTABLE, "leave with your other sessions before changing nickname");
        }
        room.broadcastPresence(occupant, "unavailable",
                new Room.Presence(List.of(Muc.NICK_CHANGED), List.of(), null, null, nick, null), null);
        room.occupants.remove(occupant.nick);
        occupant.nick = nick;
        room.occupants.put(nick, occupant);
        occupant.sessions.put(session, withoutMuc(presence.element()));
        room.broadcastPresence(occupant, null, Room.Presence.PLAIN, presence.id());
        return null;
    }

    /** A joined session leaves (unavailable presence, or its stream ended); the room says goodbye. */
    void leave(Room room, Jid session, String presenceId, Element unavailable) {
        Occupant occupant = room.bySession.remove(session);
        if (occupant == null) {
            return;
        }
        Element self = room.presenceOf(occupant, occupant, "unavailable", Room.Presence.PLAIN)
                .withAttribute("to", session.toString()).withAttribute("id", presenceId);
        occupant.sessions.remove(session);
        room.send(self);
        if (!occupant.sessions.isEmpty()) {
            return;
        }
        room.occupants.remove(occupant.nick);
        for (Occupant viewer : room.occupants.values()) {
            Element p = room.presenceOf(occupant, viewer, "unavailable", Room.Presence.PLAIN);
            Element status = unavailable == null ? null : unavailable.child("status", Stanza.CLIENT_NAMESPACE);
            room.sendTo(viewer, status == null ? p : withFirst(p, status));
        }
    }

    /** Removes every session of {@code occupant}, telling it and the others why (kick, ban, lost membership). */
    void remove(Room room, Occupant occupant, Room.Presence detail) {
        room.broadcastPresence(occupant, "unavailable", detail, null);
        room.occupants.remove(occupant.nick);
        occupant.sessions.keySet().forEach(room.bySession::remove);
        occupant.sessions.clear();
    }

    private static Element withFirst(Element p, Element child) {
        List<im.tandem.xml.Node> children = new ArrayList<>();
        children.add(child);
        children.addAll(p.children());
        return p.withChildren(children);
    }

    static Element withoutMuc(Element presence) {
        return presence.withoutChildren(e -> e.namespace().startsWith(Muc.NAMESPACE)
                || e.is("delay", Muc.DELAY));
    }

    private static int number(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
