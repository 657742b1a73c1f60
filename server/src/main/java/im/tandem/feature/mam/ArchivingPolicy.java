package im.tandem.feature.mam;

import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;

/**
 * Which messages go into a user's archive (XEP-0313 section 5.1.1, XEP-0334 hints), before
 * the user's preferences are asked: messages with a body, or with an explicit {@code <store/>}
 * hint; never errors, groupchat (that belongs to the room's archive), headlines, carbon
 * wrappers or messages hinted {@code <no-store/>} / {@code <no-permanent-store/>}. Chat states,
 * receipts and markers alone are not archived unless hinted {@code <store/>}.
 */
public final class ArchivingPolicy {

    /** XEP-0334 Message Processing Hints. */
    public static final String HINTS_NAMESPACE = "urn:xmpp:hints";
    static final String CARBONS_NAMESPACE = "urn:xmpp:carbons:2";

    private ArchivingPolicy() {
    }

    /** Whether a one-to-one message belongs in a user archive. */
    public static boolean archivable(Element message) {
        if (!"message".equals(message.name())) {
            return false;
        }
        String type = message.attribute("type");
        if ("error".equals(type) || "groupchat".equals(type) || "headline".equals(type)) {
            return false;
        }
        if (message.child("no-store", HINTS_NAMESPACE) != null
                || message.child("no-permanent-store", HINTS_NAMESPACE) != null) {
            return false;
        }
        if (message.child("sent", CARBONS_NAMESPACE) != null || message.child("received", CARBONS_NAMESPACE) != null
                || message.child("result", MamFeature.NAMESPACE) != null) {
            return false; // a client does not get to plant forwarded copies in an archive
        }
        return message.child("body", Stanza.CLIENT_NAMESPACE) != null
                || message.child("store", HINTS_NAMESPACE) != null;
    }

    /**
     * XEP-0313 section 6: whether a message with {@code contact} is archived under these preferences;
     * {@code inRoster} is asked only for the roster default.
     */
    public static boolean wanted(ArchivePrefs prefs, Jid contact, java.util.function.BooleanSupplier inRoster) {
        ArchivePrefs.Rule rule = prefs.ruleFor(contact);
        if (rule != null) {
            return rule == ArchivePrefs.Rule.ALWAYS;
        }
        return switch (prefs.defaultMode()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ROSTER -> inRoster.getAsBoolean();
        };
    }
}
