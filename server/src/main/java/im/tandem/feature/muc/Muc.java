package im.tandem.feature.muc;

/** Namespaces, form types and status codes of XEP-0045. */
public final class Muc {

    public static final String NAMESPACE = "http://jabber.org/protocol/muc";
    public static final String USER = NAMESPACE + "#user";
    public static final String ADMIN = NAMESPACE + "#admin";
    public static final String OWNER = NAMESPACE + "#owner";
    public static final String ROOMCONFIG = NAMESPACE + "#roomconfig";
    public static final String ROOMINFO = NAMESPACE + "#roominfo";
    public static final String REQUEST = NAMESPACE + "#request";
    public static final String DATA = "jabber:x:data";
    public static final String DELAY = "urn:xmpp:delay";

    /** Status codes of XEP-0045 section 15.6. */
    public static final int SELF = 110;
    public static final int NON_ANONYMOUS = 100;
    public static final int CONFIG_CHANGED = 104;
    public static final int NOW_NON_ANONYMOUS = 172;
    public static final int NOW_SEMI_ANONYMOUS = 173;
    public static final int CREATED = 201;
    public static final int NICK_CHANGED = 303;
    public static final int BANNED = 301;
    public static final int KICKED = 307;
    public static final int AFFILIATION_LOST = 321;
    public static final int MEMBERS_ONLY = 322;
    public static final int SHUTDOWN = 332;

    private Muc() {
    }
}
