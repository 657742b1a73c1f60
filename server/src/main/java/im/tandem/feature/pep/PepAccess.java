package im.tandem.feature.pep;

import im.tandem.feature.pubsub.PubsubException;
import im.tandem.feature.pubsub.PubsubNode;
import im.tandem.feature.pubsub.PubsubNodes;
import im.tandem.stanza.Jid;
import im.tandem.stanza.StanzaError.Condition;
import im.tandem.store.RosterItemRow;
import im.tandem.store.RosterItemRow.Subscription;
import im.tandem.store.RosterStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may see a PEP node (retrieve its items, learn of it in disco, get its notifications),
 * by its access model (XEP-0060 section 4.5) read against the owner's roster and the node's
 * affiliations. Outcasts never may; the owner always may.
 */
@Component
public class PepAccess {

    private final RosterStore roster;
    private final PubsubNodes nodes;

    public PepAccess(RosterStore roster, PubsubNodes nodes) {
        this.roster = roster;
        this.nodes = nodes;
    }

    /** Completes empty when {@code requester} (a bare JID) may see the node, else with the XEP-0060 error. */
    public Mono<Void> check(PubsubNode node, Jid requester) {
        String who = requester.bare().toString();
        if (who.equals(node.owner())) {
            return Mono.empty();
        }
        return nodes.affiliation(node, who).flatMap(affiliation -> {
            if ("outcast".equals(affiliation)) {
                return Mono.error(PubsubException.of(Condition.FORBIDDEN, "you are an outcast of this node"));
            }
            return switch (node.config().accessModel()) {
                case OPEN -> Mono.<Void>empty();
                case WHITELIST -> "member".equals(affiliation) || "publisher".equals(affiliation) ? Mono.<Void>empty()
                        : Mono.error(new PubsubException(Condition.NOT_ALLOWED, "closed-node", "the node is whitelisted"));
                case PRESENCE -> rosterItem(node, who).filter(PepAccess::sharesPresence)
                        .switchIfEmpty(Mono.error(new PubsubException(Condition.NOT_AUTHORIZED,
                                "presence-subscription-required", "a presence subscription is required")))
                        .then();
                case ROSTER -> rosterItem(node, who)
                        .filter(item -> item.groups().stream().anyMatch(node.config().rosterGroupsAllowed()::contains))
                        .switchIfEmpty(Mono.error(new PubsubException(Condition.NOT_AUTHORIZED,
                                "not-in-roster-group", "not in an allowed roster group")))
                        .then();
            };
        });
    }

    /** {@link #check} as a yes or no. */
    public Mono<Boolean> allowed(PubsubNode node, Jid requester) {
        return check(node, requester).thenReturn(true).onErrorResume(PubsubException.class, e -> Mono.just(false));
    }

    private Mono<RosterItemRow> rosterItem(PubsubNode node, String who) {
        String ownerUser = Jid.parse(node.owner()).local();
        return roster.item(ownerUser, who);
    }

    /** The contact receives the owner's presence. */
    static boolean sharesPresence(RosterItemRow item) {
        return item.subscription() == Subscription.FROM || item.subscription() == Subscription.BOTH;
    }
}
