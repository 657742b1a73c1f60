package im.tandem.feature.muc;

/**
 * A room's configuration (the {@code muc#roomconfig} form of XEP-0045 section 10.2, without the
 * owner and admin lists, which are affiliations).
 *
 * @param name           room name, may be empty
 * @param description    may be empty
 * @param persistent     kept when the last occupant leaves, and across restarts
 * @param publicRoom     listed in the service's disco#items
 * @param membersOnly    only members (and admins, owners) may enter
 * @param moderated      only participants and moderators may speak; newcomers without affiliation are visitors
 * @param password       the password to enter, or null for none
 * @param maxUsers       occupant limit (admins and owners may always enter)
 * @param whoisAnyone    non-anonymous (everyone sees real JIDs) rather than semi-anonymous (moderators only)
 * @param allowPm        who may send private messages: anyone, participants, moderators, none
 * @param changeSubject  participants (not only moderators) may change the subject
 * @param allowInvites   occupants (not only admins) may invite to a members-only room
 * @param historyLength  messages kept for newcomers
 */
public record RoomConfig(String name, String description, boolean persistent, boolean publicRoom,
                         boolean membersOnly, boolean moderated, String password, int maxUsers,
                         boolean whoisAnyone, String allowPm, boolean changeSubject, boolean allowInvites,
                         int historyLength) {

    /** A new room's configuration under the service's settings. */
    public static RoomConfig defaults(MucProperties properties) {
        return new RoomConfig("", "", false, true, false, false, null, properties.defaultMaxUsers(),
                false, "anyone", false, false, properties.defaultHistory());
    }

    public boolean passwordProtected() {
        return password != null;
    }
}
