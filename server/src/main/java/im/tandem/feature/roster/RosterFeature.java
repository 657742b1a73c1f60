package im.tandem.feature.roster;

import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.feature.XmppFeature;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.stanza.StanzaError.Condition;
import im.tandem.store.RosterItemRow;
import im.tandem.store.RosterStore;
import im.tandem.xml.Element;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Roster get and set (RFC 6121 sections 2.2 to 2.5) with roster versioning (2.6). Every
 * change is pushed to the user's interested resources; removing an item also cancels the
 * subscriptions with the contact.
 */
@Component
public class RosterFeature implements XmppFeature, IqHandler {

    private final RosterStore store;
    private final RosterPushes pushes;
    private final PresenceSubscriptions subscriptions;
    private final RosterProperties properties;

    public RosterFeature(RosterStore store, RosterPushes pushes, PresenceSubscriptions subscriptions,
                         RosterProperties properties) {
        this.store = store;
        this.pushes = pushes;
        this.subscriptions = subscriptions;
        this.properties = properties;
    }

    @Override
    public List<Element> postAuthStreamFeatures() {
        return List.of(Element.of("ver", RosterItems.VERSIONING), Element.of("sub", RosterItems.PRE_APPROVAL));
    }

    @Override
    public String element() {
        return "query";
    }

    @Override
    public String namespace() {
        return RosterItems.NAMESPACE;
    }

    @Override
    public Set<IqTarget> targets() {
        return Set.of(IqTarget.OWN_ACCOUNT);
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        return "get".equals(iq.type()) ? get(iq, session) : set(iq, session);
    }

    private Mono<Element> get(Stanza iq, ClientSession session) {
        // interested before reading, so that no change falls between the result and the first push
        session.markRosterRequested();
        String clientVer = iq.payload().attribute("ver");
        return store.version(session.username()).flatMap(version -> {
            String ver = Long.toString(version);
            if (ver.equals(clientVer)) {
                // 2.6.3: unchanged; any later change comes as a push
                return Mono.just(iq.resultReply(null));
            }
            return store.items(session.username())
                    .filter(row -> !RosterItems.hidden(row))
                    .map(RosterItems::item)
                    .collectList()
                    .map(items -> iq.resultReply(RosterItems.query(clientVer == null ? null : ver, items)));
        });
    }

    private Mono<Element> set(Stanza iq, ClientSession session) {
        List<Element> items = iq.payload().children("item", RosterItems.NAMESPACE);
        if (items.size() != 1) {
            return error(iq, Condition.BAD_REQUEST, "a roster set carries exactly one item");
        }
        Element item = items.get(0);
        if (item.attribute("jid") == null) {
            return error(iq, Condition.BAD_REQUEST, "the item has no jid");
        }
        Optional<Jid> parsed = Jid.tryParse(item.attribute("jid"));
        if (parsed.isEmpty()) {
            return error(iq, Condition.JID_MALFORMED, null);
        }
        Jid contact = parsed.get().bare();
        Jid user = session.bareJid();
        if ("remove".equals(item.attribute("subscription"))) {
            return subscriptions.remove(user, contact).flatMap(removed -> removed
                    ? Mono.just(iq.resultReply(null))
                    : error(iq, Condition.ITEM_NOT_FOUND, null));
        }
        if (contact.equals(user)) {
            return error(iq, Condition.NOT_ALLOWED, "your own address cannot be a contact");
        }
        String name = item.attribute("name");
        if (name != null && name.isEmpty()) {
            name = null;
        }
        if (name != null && name.length() > properties.maxNameLength()) {
            return error(iq, Condition.NOT_ACCEPTABLE, "the name is too long");
        }
        Set<String> groups = new LinkedHashSet<>();
        for (Element group : item.children("group", RosterItems.NAMESPACE)) {
            String g = group.text();
            if (g.isEmpty() || g.indexOf('\n') >= 0 || g.length() > properties.maxNameLength()) {
                return error(iq, Condition.NOT_ACCEPTABLE, "group names must be non-empty, single-line and short");
            }
            if (!groups.add(g)) {
                return error(iq, Condition.BAD_REQUEST, "duplicate group " + g);
            }
        }
        String itemName = name;
        // 2.3.3: subscription and ask attributes of a set are ignored; the state is the server's
        return subscriptions.exclusive(user, contact, () -> subscriptions.item(user, contact).flatMap(found -> {
            RosterItemRow old = found.orElse(null);
            Mono<Boolean> room = old != null ? Mono.just(true)
                    : store.items(session.username()).count().map(n -> n < properties.maxItems());
            return room.flatMap(ok -> {
                if (!ok) {
                    return error(iq, Condition.NOT_ALLOWED, "the roster is full");
                }
                RosterItemRow next = old == null
                        ? new RosterItemRow(contact.toString(), itemName, RosterItemRow.Subscription.NONE,
                                false, false, null, false, new ArrayList<>(groups))
                        : new RosterItemRow(old.contactJid(), itemName, old.subscription(), old.askOut(),
                                old.pendingIn(), old.pendingInStanza(), old.approved(), new ArrayList<>(groups));
                return RosterItems.committed(store.upsert(session.username(), next))
                        .doOnNext(version -> pushes.push(session.username(), version, RosterItems.item(next)))
                        .thenReturn(iq.resultReply(null));
            });
        }));
    }

    private static Mono<Element> error(Stanza iq, Condition condition, String text) {
        return Mono.just(iq.errorReply(text == null ? StanzaError.of(condition) : StanzaError.of(condition, text)));
    }
}
