package im.tandem.feature.muc;

import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.stanza.StanzaError.Condition;
import im.tandem.xml.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code muc#admin} protocol: moderators change roles (kick, voice; XEP-0045 section 8),
 * admins and owners change affiliations (ban, members, moderators, admins, owners; sections 9
 * and 10) and read the lists. A request's items are checked all before any is applied.
 * Callers hold the room's lock.
 */
final class RoomAffiliations {

    private final MucProperties properties;
    private final RoomEntry entry;
    private final Consumer<Room> persist;

    RoomAffiliations(MucProperties properties, RoomEntry entry, Consumer<Room> persist) {
        this.properties = properties;
        this.entry = entry;
        this.persist = persist;
    }

    /** The room's lasting state changed: store it if the room is persistent. */
    void changed(Room room) {
        persist.accept(room);
    }

    /** An iq to the room in {@code muc#admin}: the reply. */
    Element handle(Room room, Occupant actor, Stanza iq) {
        Element query = iq.payload();
        List<Element> items = query.children("item", Muc.ADMIN);
        if (items.isEmpty()) {
            return iq.errorReply(StanzaError.of(Condition.BAD_REQUEST, "no item"));
        }
        Affiliation mine = room.affiliation(iq.from());
        if ("get".equals(iq.type())) {
            return list(room, actor, mine, iq, items.get(0));
        }
        List<Runnable> changes = new ArrayList<>();
        for (Element item : items) {
            StanzaError error = check(room, actor, mine, item, changes);
            if (error != null) {
                return iq.errorReply(error);
            }
        }
        changes.forEach(Runnable::run);
        changed(room);
        return iq.resultReply(null);
    }

    private Element list(Room room, Occupant actor, Affiliation mine, Stanza iq, Element item) {
        Element.Builder q = Element.builder("query", Muc.ADMIN);
        Affiliation affiliation = Affiliation.parse(item.attribute("affiliation"));
        Role role = Role.parse(item.attribute("role"));
        if (affiliation != null && affiliation != Affiliation.NONE) {
            boolean allowed = affiliation.isAdmin() ? mine == Affiliation.OWNER || mine == Affiliation.ADMIN : mine.isAdmin();
            if (!allowed) {
                return iq.errorReply(StanzaError.of(Condition.FORBIDDEN, "only admins and owners read this list"));
            }
            for (Jid user : room.withAffiliation(affiliation)) {
                Element.Builder i = Element.builder("item", Muc.ADMIN).attribute("affiliation", affiliation.xml())
                        .attribute("jid", user.toString());
                String reason = room.reasons.get(user);
                if (reason != null) {
                    i.textChild("reason", Muc.ADMIN, reason);
                }
                q.child(i.build());
            }
        } else if (role == Role.MODERATOR || role == Role.PARTICIPANT || role == Role.VISITOR) {
            if (actor == null || actor.role != Role.MODERATOR) {
                return iq.errorReply(StanzaError.of(Condition.FORBIDDEN, "only moderators read the role lists"));
            }
            for (Occupant o : room.occupants.values()) {
                if (o.role == role) {
                    q.child(Element.builder("item", Muc.ADMIN).attribute("role", role.xml()).attribute("nick", o.nick)
                            .attribute("affiliation", room.affiliation(o.user).xml())
                            .attribute("jid", o.primarySession().toString()).build());
                }
            }
        } else {
            return iq.errorReply(StanzaError.of(Condition.BAD_REQUEST, "ask for an affiliation or a role"));
        }
        return iq.resultReply(q.build());
    }

    private StanzaError check(Room room, Occupant actor, Affiliation mine, Element item, List<Runnable> changes) {
        String reason = item.childText("reason", Muc.ADMIN);
        if (reason != null && reason.length() > properties.maxTextLength()) {
            return StanzaError.of(Condition.NOT_ACCEPTABLE, "the reason is too long");
        }
        String actorNick = actor == null ? null : actor.nick;
        if (item.attribute("role") != null) {
            Role role = Role.parse(item.attribute("role"));
            Occupant target = room.occupants.get(item.attribute("nick"));
            if (role == null) {
                return StanzaError.of(Condition.BAD_REQUEST, "unknown role");
            }
            if (target == null) {
                return StanzaError.of(Condition.ITEM_NOT_FOUND, "no occupant has that nickname");
            }
            if (actor == null || actor.role != Role.MODERATOR) {
                return StanzaError.of(Condition.FORBIDDEN, "only moderators change roles");
            }
            Affiliation theirs = room.affiliation(target.user);
            if (theirs.isAdmin() && role != Role.MODERATOR) {
                return StanzaError.of(Condition.NOT_ALLOWED, "admins and owners cannot lose their role");
            }
            if (role == Role.MODERATOR || target.role == Role.MODERATOR && role != Role.MODERATOR) {
                if (!mine.isAdmin()) {
                    return StanzaError.of(Condition.FORBIDDEN, "only admins grant or revoke moderation");
                }
            }
            changes.add(() -> setRole(room, target, role, actorNick, reason));
            return null;
        }
        Affiliation affiliation = Affiliation.parse(item.attribute("affiliation"));
        if (affiliation == null) {
            return StanzaError.of(Condition.BAD_REQUEST, "an item needs a role or an affiliation");
        }
        Jid user = Jid.tryParse(item.attribute("jid") == null ? "" : item.attribute("jid")).map(Jid::bare).orElse(null);
        if (user == null && item.attribute("nick") != null) {
            Occupant o = room.occupants.get(item.attribute("nick"));
            user = o == null ? null : o.user;
        }
        if (user == null || user.local() == null) {
            return StanzaError.of(Condition.JID_MALFORMED, "an affiliation change needs a user's address");
        }
        Affiliation theirs = room.affiliation(user);
        if (!mine.isAdmin()) {
            return StanzaError.of(Condition.FORBIDDEN, "only admins and owners change affiliations");
        }
        if (mine != Affiliation.OWNER && (affiliation.isAdmin() || theirs.isAdmin())) {
            return StanzaError.of(Condition.NOT_ALLOWED, "only owners change admins and owners");
        }
        if (theirs == Affiliation.OWNER && affiliation != Affiliation.OWNER
                && room.withAffiliation(Affiliation.OWNER).size() == 1) {
            return StanzaError.of(Condition.CONFLICT, "the room's last owner cannot step down");
        }
        if (theirs == Affiliation.NONE && affiliation != Affiliation.NONE
                && room.affiliations.size() >= properties.maxAffiliations()) {
            return StanzaError.of(Condition.RESOURCE_CONSTRAINT, "the room has too many affiliations");
        }
        Jid target = user;
        changes.add(() -> setAffiliation(room, target, affiliation, actorNick, reason));
        return null;
    }

    void setRole(Room room, Occupant target, Role role, String actorNick, String reason) {
        if (role == Role.NONE) {
            entry.remove(room, target, new Room.Presence(List.of(Muc.KICKED), List.of(), actorNick, reason, null, null));
            return;
        }
        target.role = role;
        room.broadcastPresence(target, null, new Room.Presence(List.of(), List.of(), actorNick, reason, null, null), null);
    }

    /** Sets an affiliation and makes the occupants of that user follow it (removed, or a new role). */
    void setAffiliation(Room room, Jid user, Affiliation affiliation, String actorNick, String reason) {
        room.setAffiliation(user, affiliation, affiliation == Affiliation.OUTCAST ? reason : null);
        for (Occupant o : new ArrayList<>(room.occupants.values())) {
            if (!o.user.equals(user)) {
                continue;
            }
            if (affiliation == Affiliation.OUTCAST) {
                entry.remove(room, o, new Room.Presence(List.of(Muc.BANNED), List.of(), actorNick, reason, null, null));
            } else if (room.config.membersOnly() && affiliation == Affiliation.NONE) {
                entry.remove(room, o, new Room.Presence(List.of(Muc.AFFILIATION_LOST), List.of(), actorNick, reason, null, null));
            } else {
                o.role = room.defaultRole(affiliation);
                room.broadcastPresence(o, null, new Room.Presence(List.of(), List.of(), actorNick, reason, null, null), null);
            }
        }
    }
}
