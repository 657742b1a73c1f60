package im.tandem.feature.muc;

import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.stanza.StanzaError.Condition;
import im.tandem.xml.Element;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code muc#owner} protocol (XEP-0045 section 10): the configuration form, instant rooms,
 * cancelling a new room, and destroying a room. Only owners; callers hold the room's lock.
 */
final class RoomOwner {

    private final MucProperties properties;
    private final RoomEntry entry;
    private final RoomAffiliations affiliations;
    private final Consumer<Room> destroy;

    RoomOwner(MucProperties properties, RoomEntry entry, RoomAffiliations affiliations, Consumer<Room> destroy) {
        this.properties = properties;
        this.entry = entry;
        this.affiliations = affiliations;
        this.destroy = destroy;
    }

    /** An iq to the room in {@code muc#owner}: the reply. */
    Element handle(Room room, Stanza iq) {
        if (room.affiliation(iq.from()) != Affiliation.OWNER) {
            return iq.errorReply(StanzaError.of(Condition.FORBIDDEN, "only owners configure the room"));
        }
        Element query = iq.payload();
        if ("get".equals(iq.type())) {
            return iq.resultReply(Element.builder("query", Muc.OWNER).child(RoomConfigForm.form(room, properties)).build());
        }
        Element destroyRequest = query.child("destroy", Muc.OWNER);
        if (destroyRequest != null) {
            destroy(room, destroyRequest);
            return iq.resultReply(null);
        }
        Element form = query.child("x", Muc.DATA);
        if (form == null) {
            return iq.errorReply(StanzaError.of(Condition.BAD_REQUEST, "a data form or destroy is expected"));
        }
        if ("cancel".equals(form.attribute("type"))) {
            if (room.locked) {
                destroy(room, null);
            }
            return iq.resultReply(null);
        }
        if (!"submit".equals(form.attribute("type"))) {
            return iq.errorReply(StanzaError.of(Condition.BAD_REQUEST, "the form must be submitted"));
        }
        Map<String, List<String>> fields = RoomConfigForm.values(form);
        String formType = RoomConfigForm.first(fields, "FORM_TYPE");
        if (formType != null && !Muc.ROOMCONFIG.equals(formType)) {
            return iq.errorReply(StanzaError.of(Condition.BAD_REQUEST, "not a room configuration form"));
        }
        RoomConfig config;
        List<Jid> owners;
        List<Jid> admins;
        try {
            config = RoomConfigForm.apply(room.config, fields, properties);
            owners = RoomConfigForm.jidList(fields, RoomConfigForm.OWNERS);
            admins = RoomConfigForm.jidList(fields, RoomConfigForm.ADMINS);
        } catch (RoomConfigForm.InvalidForm e) {
            return iq.errorReply(StanzaError.of(Condition.NOT_ACCEPTABLE, e.getMessage()));
        }
        if (owners != null && owners.isEmpty()) {
            return iq.errorReply(StanzaError.of(Condition.NOT_ACCEPTABLE, "a room needs an owner"));
        }
        int added = (owners == null ? 0 : owners.size()) + (admins == null ? 0 : admins.size());
        if (room.affiliations.size() + added > properties.maxAffiliations()) {
            return iq.errorReply(StanzaError.of(Condition.RESOURCE_CONSTRAINT, "the room has too many affiliations"));
        }
        boolean wasLocked = room.locked;
        boolean whoisChanged = config.whoisAnyone() != room.config.whoisAnyone();
        boolean nowMembersOnly = config.membersOnly() && !room.config.membersOnly();
        room.config = config;
        room.locked = false;
        replace(room, Affiliation.OWNER, owners);
        replace(room, Affiliation.ADMIN, admins);
        if (nowMembersOnly) {
            for (Occupant o : new ArrayList<>(room.occupants.values())) {
                if (room.affiliation(o.user).rank() < Affiliation.MEMBER.rank()) {
                    entry.remove(room, o, Room.Presence.codes(Muc.MEMBERS_ONLY));
                }
            }
        }
        if (!wasLocked) {
            if (whoisChanged) {
                room.broadcastStatus(Muc.CONFIG_CHANGED, config.whoisAnyone() ? Muc.NOW_NON_ANONYMOUS : Muc.NOW_SEMI_ANONYMOUS);
            } else {
                room.broadcastStatus(Muc.CONFIG_CHANGED);
            }
        }
        affiliations.changed(room);
        return iq.resultReply(null);
    }

    private void replace(Room room, Affiliation affiliation, List<Jid> users) {
        if (users == null) {
            return;
        }
        Set<Jid> wanted = new HashSet<>(users);
        for (Jid user : room.withAffiliation(affiliation)) {
            if (!wanted.contains(user)) {
                affiliations.setAffiliation(room, user, Affiliation.NONE, null, null);
            }
        }
        for (Jid user : users) {
            if (room.affiliation(user) != affiliation) {
                affiliations.setAffiliation(room, user, affiliation, null, null);
            }
        }
    }

    /** Every occupant leaves with the destruction notice (XEP-0045 section 10.9), then the room is gone. */
    void destroy(Room room, Element request) {
        Element.Builder notice = Element.builder("destroy", Muc.USER);
        if (request != null) {
            Jid venue = Jid.tryParse(request.attribute("jid") == null ? "" : request.attribute("jid")).orElse(null);
            if (venue != null) {
                notice.attribute("jid", venue.toString());
            }
            String reason = request.childText("reason", Muc.OWNER);
            if (reason != null) {
                notice.textChild("reason", Muc.USER, reason.length() > properties.maxTextLength()
                        ? reason.substring(0, properties.maxTextLength()) : reason);
            }
            String password = request.childText("password", Muc.OWNER);
            if (password != null) {
                notice.textChild("password", Muc.USER, password);
            }
        }
        Room.Presence detail = new Room.Presence(List.of(), List.of(), null, null, null, notice.build());
        for (Occupant o : new ArrayList<>(room.occupants.values())) {
            for (Jid session : o.sessions.keySet()) {
                Element p = room.presenceOf(o, o, "unavailable", detail);
                room.send(p.withAttribute("to", session.toString()));
            }
        }
        room.occupants.clear();
        room.bySession.clear();
        room.destroyed = true;
        destroy.accept(room);
    }
}
