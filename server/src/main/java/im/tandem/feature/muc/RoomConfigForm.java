package im.tandem.feature.muc;

import im.tandem.stanza.Jid;
import im.tandem.xml.Element;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code muc#roomconfig} data form (XEP-0045 sections 10.2 and 15.5.3, XEP-0004): the form an
 * owner fills, and reading a submitted one back into a {@link RoomConfig}. Values out of range are
 * refused rather than clipped, so an owner learns that the room is not what was asked.
 */
final class RoomConfigForm {

    static final String NAME = "muc#roomconfig_roomname";
    static final String DESC = "muc#roomconfig_roomdesc";
    static final String PERSISTENT = "muc#roomconfig_persistentroom";
    static final String PUBLIC = "muc#roomconfig_publicroom";
    static final String MEMBERS_ONLY = "muc#roomconfig_membersonly";
    static final String MODERATED = "muc#roomconfig_moderatedroom";
    static final String PASSWORD_PROTECTED = "muc#roomconfig_passwordprotectedroom";
    static final String SECRET = "muc#roomconfig_roomsecret";
    static final String MAX_USERS = "muc#roomconfig_maxusers";
    static final String WHOIS = "muc#roomconfig_whois";
    static final String ALLOW_PM = "muc#roomconfig_allowpm";
    static final String CHANGE_SUBJECT = "muc#roomconfig_changesubject";
    static final String ALLOW_INVITES = "muc#roomconfig_allowinvites";
    static final String HISTORY = "muc#maxhistoryfetch";
    static final String ADMINS = "muc#roomconfig_roomadmins";
    static final String OWNERS = "muc#roomconfig_roomowners";

    /** A submitted form was not acceptable. */
    static final class InvalidForm extends Exception {
        InvalidForm(String message) {
            super(message, null, false, false);
        }
    }

    private RoomConfigForm() {
    }

    /** The form for the room's owner, filled with the current values. */
    static Element form(Room room, MucProperties properties) {
        RoomConfig c = room.config;
        Element.Builder x = Element.builder("x", Muc.DATA).attribute("type", "form")
                .textChild("title", Muc.DATA, "Configuration of " + room.jid)
                .child(hidden("FORM_TYPE", Muc.ROOMCONFIG))
                .child(field(NAME, "text-single", "Room name", c.name()))
                .child(field(DESC, "text-single", "Description", c.description()))
                .child(field(PERSISTENT, "boolean", "Persistent room", bool(c.persistent())))
                .child(field(PUBLIC, "boolean", "Listed in the directory", bool(c.publicRoom())))
                .child(field(MEMBERS_ONLY, "boolean", "Members only", bool(c.membersOnly())))
                .child(field(MODERATED, "boolean", "Moderated", bool(c.moderated())))
                .child(field(PASSWORD_PROTECTED, "boolean", "Password required", bool(c.passwordProtected())))
                .child(field(SECRET, "text-private", "Password", c.password() == null ? "" : c.password()));
        Element.Builder max = fieldBuilder(MAX_USERS, "list-single", "Maximum occupants", Integer.toString(c.maxUsers()));
        for (int n : new int[] {5, 10, 20, 30, 50, 100, 200, 500, 1000}) {
            if (n <= properties.maxUsersLimit()) {
                max.child(option(Integer.toString(n)));
            }
        }
        x.child(max.build());
        x.child(fieldBuilder(WHOIS, "list-single", "Who may see real JIDs", c.whoisAnyone() ? "anyone" : "moderators")
                .child(option("moderators")).child(option("anyone")).build());
        x.child(fieldBuilder(ALLOW_PM, "list-single", "Who may send private messages", c.allowPm())
                .child(option("anyone")).child(option("participants")).child(option("moderators")).child(option("none"))
                .build());
        x.child(field(CHANGE_SUBJECT, "boolean", "Participants may change the subject", bool(c.changeSubject())));
        x.child(field(ALLOW_INVITES, "boolean", "Occupants may invite", bool(c.allowInvites())));
        x.child(field(HISTORY, "text-single", "Messages kept for newcomers", Integer.toString(c.historyLength())));
        x.child(jids(ADMINS, "Room admins", room.withAffiliation(Affiliation.ADMIN)));
        x.child(jids(OWNERS, "Room owners", room.withAffiliation(Affiliation.OWNER)));
        return x.build();
    }

    /** The configuration as a submitted form, for storage; affiliations are stored apart. */
    static Element submitted(RoomConfig c) {
        return Element.builder("x", Muc.DATA).attribute("type", "submit")
                .child(hidden("FORM_TYPE", Muc.ROOMCONFIG))
                .child(field(NAME, null, null, c.name())).child(field(DESC, null, null, c.description()))
                .child(field(PERSISTENT, null, null, bool(c.persistent())))
                .child(field(PUBLIC, null, null, bool(c.publicRoom())))
                .child(field(MEMBERS_ONLY, null, null, bool(c.membersOnly())))
                .child(field(MODERATED, null, null, bool(c.moderated())))
                .child(field(PASSWORD_PROTECTED, null, null, bool(c.passwordProtected())))
                .child(field(SECRET, null, null, c.password() == null ? "" : c.password()))
                .child(field(MAX_USERS, null, null, Integer.toString(c.maxUsers())))
                .child(field(WHOIS, null, null, c.whoisAnyone() ? "anyone" : "moderators"))
                .child(field(ALLOW_PM, null, null, c.allowPm()))
                .child(field(CHANGE_SUBJECT, null, null, bool(c.changeSubject())))
                .child(field(ALLOW_INVITES, null, null, bool(c.allowInvites())))
                .child(field(HISTORY, null, null, Integer.toString(c.historyLength())))
                .build();
    }

    /** {@code current} changed by the fields of a submitted form; fields not in the form keep their values. */
    static RoomConfig apply(RoomConfig current, Map<String, List<String>> f, MucProperties properties) throws InvalidForm {
        String name = text(f, NAME, current.name(), properties);
        String desc = text(f, DESC, current.description(), properties);
        boolean persistent = bool(f, PERSISTENT, current.persistent());
        boolean publicRoom = bool(f, PUBLIC, current.publicRoom());
        boolean membersOnly = bool(f, MEMBERS_ONLY, current.membersOnly());
        boolean moderated = bool(f, MODERATED, current.moderated());
        boolean protectedRoom = bool(f, PASSWORD_PROTECTED, current.passwordProtected());
        String secret = text(f, SECRET, current.password() == null ? "" : current.password(), properties);
        if (protectedRoom && secret.isEmpty()) {
            throw new InvalidForm("a password-protected room needs a password");
        }
        int maxUsers = number(f, MAX_USERS, current.maxUsers(), 1, properties.maxUsersLimit());
        String whois = choice(f, WHOIS, current.whoisAnyone() ? "anyone" : "moderators", List.of("anyone", "moderators"));
        String allowPm = choice(f, ALLOW_PM, current.allowPm(), List.of("anyone", "participants", "moderators", "none"));
        boolean changeSubject = bool(f, CHANGE_SUBJECT, current.changeSubject());
        boolean allowInvites = bool(f, ALLOW_INVITES, current.allowInvites());
        int historyLength = number(f, HISTORY, current.historyLength(), 0, properties.maxHistory());
        return new RoomConfig(name, desc, persistent, publicRoom, membersOnly, moderated, protectedRoom ? secret : null,
                maxUsers, "anyone".equals(whois), allowPm, changeSubject, allowInvites, historyLength);
    }

    /** The JIDs of a jid-multi field, or null when the form lacks it. */
    static List<Jid> jidList(Map<String, List<String>> f, String var) throws InvalidForm {
        List<String> values = f.get(var);
        if (values == null) {
            return null;
        }
        List<Jid> jids = new ArrayList<>();
        for (String v : values) {
            if (v.isBlank()) {
                continue;
            }
            Jid jid = Jid.tryParse(v.trim()).orElseThrow(() -> new InvalidForm("not an address: " + v));
            if (jid.local() == null) {
                throw new InvalidForm("not a user's address: " + v);
            }
            jids.add(jid.bare());
        }
        return jids;
    }

    /** The values of a form's fields by name. */
    static Map<String, List<String>> values(Element form) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Element field : form.children("field", Muc.DATA)) {
            String var = field.attribute("var");
            if (var == null) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (Element value : field.children("value", Muc.DATA)) {
                values.add(value.text());
            }
            result.put(var, values);
        }
        return result;
    }

    static String first(Map<String, List<String>> f, String var) {
        List<String> values = f.get(var);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static String formType(Element form) {
        return first(values(form), "FORM_TYPE");
    }

    static Element hidden(String var, String value) {
        return field(var, "hidden", null, value);
    }

    static Element field(String var, String type, String label, String value) {
        return fieldBuilder(var, type, label, value).build();
    }

    private static Element.Builder fieldBuilder(String var, String type, String label, String value) {
        Element.Builder b = Element.builder("field", Muc.DATA).attribute("var", var).attribute("type", type)
                .attribute("label", label);
        if (value != null) {
            b.textChild("value", Muc.DATA, value);
        }
        return b;
    }

    private static Element jids(String var, String label, List<Jid> jids) {
        Element.Builder b = Element.builder("field", Muc.DATA).attribute("var", var).attribute("type", "jid-multi")
                .attribute("label", label);
        for (Jid jid : jids) {
            b.textChild("value", Muc.DATA, jid.toString());
        }
        return b.build();
    }

    private static Element option(String value) {
        return Element.builder("option", Muc.DATA).textChild("value", Muc.DATA, value).build();
    }

    private static String bool(boolean b) {
        return b ? "1" : "0";
    }

    private static boolean bool(Map<String, List<String>> f, String var, boolean current) throws InvalidForm {
        String v = first(f, var);
        if (v == null) {
            return current;
        }
        return switch (v.trim()) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new InvalidForm(var + " must be a boolean");
        };
    }

    private static String text(Map<String, List<String>> f, String var, String current, MucProperties p) throws InvalidForm {
        String v = f.containsKey(var) ? String.join("\n", f.get(var)) : current;
        if (v.length() > p.maxTextLength()) {
            throw new InvalidForm(var + " is longer than " + p.maxTextLength() + " characters");
        }
        return v;
    }

    private static int number(Map<String, List<String>> f, String var, int current, int min, int max) throws InvalidForm {
        String v = first(f, var);
        if (v == null || v.isBlank()) {
            return current;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new InvalidForm(var + " must be from " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidForm(var + " must be a number");
        }
    }

    private static String choice(Map<String, List<String>> f, String var, String current, List<String> allowed)
            throws InvalidForm {
        String v = first(f, var);
        if (v == null) {
            return current;
        }
        if (!allowed.contains(v.trim())) {
            throw new InvalidForm(var + " must be one of " + allowed);
        }
        return v.trim();
    }
}
