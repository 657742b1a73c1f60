package im.tandem.feature.muc;

import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.stanza.StanzaError.Condition;
import im.tandem.xml.Element;
import java.time.Instant;
import java.util.List;

/**
 * Messages in a room: to all occupants (XEP-0045 section 7.4), subject changes (8.1), private
 * messages (7.5), mediated invitations and declines (7.8) and voice requests (7.13, 8.6).
 * Callers hold the room's lock and have checked the flood limit.
 */
final class RoomMessages {

    private static final int MAX_INVITES = 10;

    private final MucProperties properties;
    private final RoomHistory history;
    private final RoomAffiliations affiliations;

    private final RoomArchive archive;

    RoomMessages(MucProperties properties, RoomHistory history, RoomAffiliations affiliations, RoomArchive archive) {
        this.archive = archive;
        this.properties = properties;
        this.history = history;
        this.affiliations = affiliations;
    }

    /** A message to the room's bare JID; an error, or null. {@code sender} may be null (not an occupant). */
    StanzaError toRoom(Room room, Occupant sender, Stanza message) {
        Element x = message.element().child("x", Muc.USER);
        if (x != null && (x.child("invite", Muc.USER) != null || x.child("decline", Muc.USER) != null)) {
            return x.child("invite", Muc.USER) != null ? invite(room, sender, message, x) : decline(room, message, x);
        }
        if (sender == null) {
            return StanzaError.of(Condition.NOT_ACCEPTABLE, "only occupants may send messages to the room");
        }
        Element form = message.element().child("x", Muc.DATA);
        if (form != null && Muc.REQUEST.equals(RoomConfigForm.formType(form))) {
            return voiceRequest(room, sender, message, form);
        }
        if (!"groupchat".equals(message.type())) {
            return StanzaError.of(Condition.BAD_REQUEST, "messages to the room are of type groupchat");
        }
        Element subject = message.element().child("subject", Stanza.CLIENT_NAMESPACE);
        if (subject != null && message.element().child("body", Stanza.CLIENT_NAMESPACE) == null) {
            return changeSubject(room, sender, message, subject.text());
        }
        if (!sender.role.hasVoice()) {
            return StanzaError.of(Condition.FORBIDDEN, "you have no voice in this moderated room");
        }
        Element broadcast = message.element().withAttribute("from", room.occupantJid(sender.nick).toString())
                .withAttribute("to", null)
                .withoutChildren(e -> e.is("delay", Muc.DELAY) || e.namespace().startsWith(Muc.NAMESPACE));
        boolean hasBody = message.element().child("body", Stanza.CLIENT_NAMESPACE) != null;
        if (hasBody && archive != null) {
            broadcast = archive.archive(room.jid, broadcast);
        }
        for (Occupant o : room.occupants.values()) {
            room.sendTo(o, broadcast);
        }
        if (hasBody) {
            history.append(room.jid, new RoomHistory.Entry(broadcast, Instant.now(), broadcast.toString().length()),
                    room.config.historyLength());
        }
        return null;
    }

    private StanzaError changeSubject(Room room, Occupant sender, Stanza message, String subject) {
        if (sender.role != Role.MODERATOR && !(room.config.changeSubject() && sender.role.hasVoice())) {
            return StanzaError.of(Condition.FORBIDDEN, "you may not change the subject");
        }
        if (subject.length() > properties.maxTextLength()) {
            return StanzaError.of(Condition.NOT_ACCEPTABLE, "the subject is too long");
        }
        room.subject = subject;
        room.subjectBy = sender.nick;
        Element broadcast = RoomEntry.subjectMessage(room).withAttribute("id", message.id());
        for (Occupant o : room.occupants.values()) {
            room.sendTo(o, broadcast);
        }
        affiliations.changed(room);
        return null;
    }

    /** A message to {@code room/nick}: a private message (7.5). */
    StanzaError toOccupant(Room room, Occupant sender, Stanza message, String nick) {
        if (sender == null) {
            return StanzaError.of(Condition.NOT_ACCEPTABLE, "only occupants may send private messages");
        }
        if ("groupchat".equals(message.type())) {
            return StanzaError.of(Condition.BAD_REQUEST, "a private message is not of type groupchat");
        }
        Occupant target = room.occupants.get(nick);
        if (target == null) {
            return StanzaError.of(Condition.ITEM_NOT_FOUND, "no such occupant");
        }
        boolean allowed = switch (room.config.allowPm()) {
            case "anyone" -> true;
            case "participants" -> sender.role.hasVoice();
            case "moderators" -> sender.role == Role.MODERATOR;
            default -> false;
        };
        if (!allowed) {
            return StanzaError.of(Condition.FORBIDDEN, "private messages are not allowed here");
        }
        Element pm = message.element().withAttribute("from", room.occupantJid(sender.nick).toString())
                .withoutChildren(e -> e.is("x", Muc.USER));
        // the muc#user marker keeps the room's private message on the joined sessions only (XEP-0280 section 6)
        room.sendTo(target, pm.withChild(Element.of("x", Muc.USER)));
        return null;
    }

    private StanzaError invite(Room room, Occupant sender, Stanza message, Element x) {
        if (sender == null) {
            return StanzaError.of(Condition.NOT_ACCEPTABLE, "only occupants may invite");
        }
        Affiliation mine = room.affiliation(sender.user);
        if (room.config.membersOnly() && !mine.isAdmin() && !room.config.allowInvites()) {
            return StanzaError.of(Condition.FORBIDDEN, "only admins may invite to this room");
        }
        List<Element> invites = x.children("invite", Muc.USER);
        if (invites.size() > MAX_INVITES) {
            return StanzaError.of(Condition.POLICY_VIOLATION, "at most " + MAX_INVITES + " invitations at once");
        }
        for (Element invite : invites) {
            Jid to = Jid.tryParse(invite.attribute("to")).orElse(null);
            if (to == null) {
                return StanzaError.of(Condition.JID_MALFORMED, "the invitee's address is malformed");
            }
        }
        for (Element invite : invites) {
            Jid to = Jid.parse(invite.attribute("to")).bare();
            if (room.config.membersOnly() && room.affiliation(to) == Affiliation.NONE) {
                if (room.affiliations.size() >= properties.maxAffiliations()) {
                    return StanzaError.of(Condition.RESOURCE_CONSTRAINT, "the room has too many affiliations");
                }
                room.setAffiliation(to, Affiliation.MEMBER, null);
                affiliations.changed(room);
            }
            room.invitations.put(to, message.from().bare());
            Element.Builder out = Element.builder("invite", Muc.USER).attribute("from", message.from().bare().toString());
            String reason = invite.childText("reason", Muc.USER);
            if (reason != null) {
                out.textChild("reason", Muc.USER, reason);
            }
            Element.Builder ux = Element.builder("x", Muc.USER).child(out.build());
            if (room.config.passwordProtected()) {
                ux.textChild("password", Muc.USER, room.config.password());
            }
            room.send(Element.builder("message", Stanza.CLIENT_NAMESPACE).attribute("from", room.jid.toString())
                    .attribute("to", to.toString()).attribute("id", message.id()).child(ux.build()).build());
        }
        return null;
    }

    private StanzaError decline(Room room, Stanza message, Element x) {
        Element decline = x.child("decline", Muc.USER);
        Jid to = room.invitations.remove(message.from().bare());
        if (to == null) {
            return StanzaError.of(Condition.NOT_ACCEPTABLE, "you were not invited to this room");
        }
        Element.Builder out = Element.builder("decline", Muc.USER).attribute("from", message.from().bare().toString());
        String reason = decline.childText("reason", Muc.USER);
        if (reason != null) {
            out.textChild("reason", Muc.USER, reason);
        }
        room.send(Element.builder("message", Stanza.CLIENT_NAMESPACE).attribute("from", room.jid.toString())
                .attribute("to", to.bare().toString()).attribute("id", message.id())
                .child(Element.builder("x", Muc.USER).child(out.build()).build()).build());
        return null;
    }

    private StanzaError voiceRequest(Room room, Occupant sender, Stanza message, Element form) {
        var fields = RoomConfigForm.values(form);
        String allow = RoomConfigForm.first(fields, "muc#request_allow");
        if (allow != null) {
            if (sender.role != Role.MODERATOR) {
                return StanzaError.of(Condition.FORBIDDEN, "only moderators approve voice requests");
            }
            Occupant target = room.occupants.get(RoomConfigForm.first(fields, "muc#roomnick"));
            if (target != null && ("true".equals(allow) || "1".equals(allow)) && target.role == Role.VISITOR) {
                target.role = Role.PARTICIPANT;
                room.broadcastPresence(target, null, Room.Presence.PLAIN, null);
            }
            return null;
        }
        if (sender.role != Role.VISITOR) {
            return null; // nothing to ask for
        }
        Element request = Element.builder("x", Muc.DATA).attribute("type", "form")
                .child(RoomConfigForm.hidden("FORM_TYPE", Muc.REQUEST))
                .child(RoomConfigForm.field("muc#role", "list-single", "Requested role", "participant"))
                .child(RoomConfigForm.field("muc#jid", "jid-single", "User ID", sender.primarySession().toString()))
                .child(RoomConfigForm.field("muc#roomnick", "text-single", "Room nickname", sender.nick))
                .child(RoomConfigForm.field("muc#request_allow", "boolean", "Grant voice to this person?", "false"))
                .build();
        Element forward = Element.builder("message", Stanza.CLIENT_NAMESPACE).attribute("from", room.jid.toString())
                .attribute("id", message.id()).child(request).build();
        for (Occupant o : room.occupants.values()) {
            if (o.role == Role.MODERATOR) {
                room.sendTo(o, forward);
            }
        }
        return null;
    }
}
