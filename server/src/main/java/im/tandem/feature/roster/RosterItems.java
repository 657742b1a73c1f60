package im.tandem.feature.roster;

import im.tandem.feature.roster.SubscriptionStateMachine.State;
import im.tandem.store.RosterItemRow;
import im.tandem.store.RosterItemRow.Subscription;
import im.tandem.xml.Element;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Roster items between the store and the wire (RFC 6121 section 2.1.2), and which stored
 * rows belong to the roster the user sees.
 */
public final class RosterItems {

    public static final String NAMESPACE = "jabber:iq:roster";
    /** Stream feature of roster versioning (RFC 6121 2.6.1). */
    public static final String VERSIONING = "urn:xmpp:features:rosterver";
    /** Stream feature of subscription pre-approval (RFC 6121 3.4.1). */
    public static final String PRE_APPROVAL = "urn:xmpp:features:pre-approval";

    private RosterItems() {
    }

    /** The {@code <item/>} of a row. */
    public static Element item(RosterItemRow row) {
        Element.Builder b = Element.builder("item", NAMESPACE)
                .attribute("jid", row.contactJid())
                .attribute("name", row.name())
                .attribute("subscription", row.subscription().code())
                .attribute("ask", row.askOut() ? "subscribe" : null)
                .attribute("approved", row.approved() ? "true" : null);
        for (String group : row.groups()) {
            b.textChild("group", NAMESPACE, group);
        }
        return b.build();
    }

    /** The {@code <item subscription='remove'/>} pushed when an item is deleted. */
    public static Element removed(String contactJid) {
        return Element.builder("item", NAMESPACE).attribute("jid", contactJid).attribute("subscription", "remove").build();
    }

    public static Element query(String ver, List<Element> items) {
        return Element.builder("query", NAMESPACE).attribute("ver", ver).children(items).build();
    }

    /**
     * The version a roster change produced, emitted only once the change has committed, so
     * that a push never announces what a reader cannot see yet (or what was rolled back).
     */
    public static Mono<Long> committed(Mono<Long> change) {
        return change.flux().takeLast(1).next();
    }

    public static State state(RosterItemRow row) {
        return row == null ? State.NONE
                : new State(row.subscription(), row.askOut(), row.pendingIn(), row.approved());
    }

    /** The row with a new state; a fresh row for {@code contactJid} when there was none. */
    public static RosterItemRow withState(RosterItemRow row, String contactJid, State s, String pendingInStanza) {
        return new RosterItemRow(contactJid, row == null ? null : row.name(), s.subscription(), s.pendingOut(),
                s.pendingIn(), s.pendingIn() ? pendingInStanza : null, s.approved(),
                row == null ? List.of() : row.groups());
    }

    /**
     * A row kept only to remember an inbound subscription request: RFC 6121 3.1.3 does not
     * add the requester to the roster, so it is neither listed nor pushed. (The store has no
     * "listed" flag; an item the user added without name or groups is indistinguishable and
     * is hidden too while only a request from that contact is pending.)
     */
    public static boolean hidden(RosterItemRow row) {
        return row.subscription() == Subscription.NONE && !row.askOut() && !row.approved()
                && row.name() == null && row.groups().isEmpty() && row.pendingIn();
    }

    /** A row that carries nothing at all: no subscription, request, approval, name or group. */
    public static boolean empty(RosterItemRow row) {
        return row.subscription() == Subscription.NONE && !row.askOut() && !row.approved() && !row.pendingIn()
                && row.name() == null && row.groups().isEmpty();
    }
}
