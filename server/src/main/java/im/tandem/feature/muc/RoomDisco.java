package im.tandem.feature.muc;

import im.tandem.feature.disco.ServiceDiscovery;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;

/**
 * Service discovery of a room (XEP-0045 sections 6.4 and 6.5): its identity, the {@code muc_*}
 * features that describe it and the {@code muc#roominfo} form; its items are the occupants'
 * room JIDs in a non-anonymous room and none in a semi-anonymous one. Callers hold the room's lock.
 */
final class RoomDisco {

    private RoomDisco() {
    }

    static final String MAM = "urn:xmpp:mam:2";

    static Element info(Room room, Stanza iq) {
        return info(room, iq, false);
    }

    /** The room's disco#info; {@code archived}: it has a XEP-0313 archive. */
    static Element info(Room room, Stanza iq, boolean archived) {
        RoomConfig c = room.config;
        Element.Builder q = Element.builder("query", ServiceDiscovery.INFO)
                .child(Element.builder("identity", ServiceDiscovery.INFO).attribute("category", "conference")
                        .attribute("type", "text").attribute("name", c.name().isEmpty() ? room.jid.local() : c.name()).build());
        for (String feature : new String[] {Muc.NAMESPACE, ServiceDiscovery.INFO, ServiceDiscovery.ITEMS,
                c.persistent() ? "muc_persistent" : "muc_temporary",
                c.membersOnly() ? "muc_membersonly" : "muc_open",
                c.moderated() ? "muc_moderated" : "muc_unmoderated",
                c.passwordProtected() ? "muc_passwordprotected" : "muc_unsecured",
                c.publicRoom() ? "muc_public" : "muc_hidden",
                c.whoisAnyone() ? "muc_nonanonymous" : "muc_semianonymous"}) {
            q.child(Element.builder("feature", ServiceDiscovery.INFO).attribute("var", feature).build());
        }
        if (archived) {
            q.child(Element.builder("feature", ServiceDiscovery.INFO).attribute("var", MAM).build());
            q.child(Element.builder("feature", ServiceDiscovery.INFO).attribute("var", MAM + "#extended").build());
            q.child(Element.builder("feature", ServiceDiscovery.INFO).attribute("var", "urn:xmpp:sid:0").build());
        }
        q.child(Element.builder("x", Muc.DATA).attribute("type", "result")
                .child(RoomConfigForm.hidden("FORM_TYPE", Muc.ROOMINFO))
                .child(RoomConfigForm.field("muc#roominfo_description", null, "Description", c.description()))
                .child(RoomConfigForm.field("muc#roominfo_subject", null, "Subject", room.subject))
                .child(RoomConfigForm.field("muc#roominfo_occupants", null, "Occupants",
                        Integer.toString(room.occupants.size())))
                .child(RoomConfigForm.field("muc#roomconfig_roomname", null, "Room name", c.name()))
                .child(RoomConfigForm.field("muc#roominfo_changesubject", null, "Participants may change the subject",
                        c.changeSubject() ? "1" : "0"))
                .child(RoomConfigForm.field("muc#maxhistoryfetch", null, "Messages kept",
                        Integer.toString(c.historyLength())))
                .build());
        return iq.resultReply(q.build());
    }

    static Element items(Room room, Stanza iq) {
        Element.Builder q = Element.builder("query", ServiceDiscovery.ITEMS);
        if (room.config.whoisAnyone()) {
            for (Occupant o : room.occupants.values()) {
                q.child(Element.builder("item", ServiceDiscovery.ITEMS)
                        .attribute("jid", room.occupantJid(o.nick).toString()).build());
            }
        }
        return iq.resultReply(q.build());
    }
}
