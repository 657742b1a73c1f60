package im.tandem.feature.blocking;

import im.tandem.routing.StanzaFilter;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Refuses stanzas across a block (XEP-0191 sections 3.5 and 3.6). A sender who blocked the
 * recipient gets {@code not-acceptable} with {@code <blocked xmlns='urn:xmpp:blocking:errors'/>}.
 * A sender the recipient blocked learns nothing more than that the recipient is not there:
 * messages and iq requests get {@code service-unavailable}, anything else is dropped silently.
 */
@Component
public class BlockingFilter implements StanzaFilter {

    private final BlockLists lists;

    public BlockingFilter(BlockLists lists) {
        this.lists = lists;
    }

    @Override
    public Mono<Verdict> check(Stanza stanza, ClientSession sender, Jid recipient) {
        return lists.blocks(sender.username(), recipient).flatMap(outbound -> {
            if (outbound) {
                if (!stanza.isError()) {
                    sender.send(blockedBySender(stanza));
                }
                return Mono.just(Verdict.REFUSED);
            }
            if (recipient.local() == null) {
                return Mono.just(Verdict.PASS);
            }
            return lists.blocks(recipient.local(), sender.jid()).map(inbound -> {
                if (!inbound) {
                    return Verdict.PASS;
                }
                if (answersWithError(stanza)) {
                    sender.send(stanza.errorReply(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE)));
                }
                return Verdict.REFUSED;
            });
        });
    }

    @Override
    public Mono<Boolean> allowsSilently(Jid from, Jid to) {
        Mono<Boolean> fromBlocks = from.local() == null ? Mono.just(false) : lists.blocks(from.local(), to);
        Mono<Boolean> toBlocks = to.local() == null ? Mono.just(false) : lists.blocks(to.local(), from);
        return fromBlocks.flatMap(blocked -> blocked ? Mono.just(false) : toBlocks.map(b -> !b));
    }

    private static boolean answersWithError(Stanza stanza) {
        return switch (stanza.kind()) {
            case MESSAGE -> !stanza.isError();
            case IQ -> stanza.isIqRequest();
            case PRESENCE -> false;
        };
    }

    /** The {@code not-acceptable} reply with the XEP-0191 application condition in its error. */
    static Element blockedBySender(Stanza stanza) {
        Element reply = stanza.errorReply(StanzaError.of(StanzaError.Condition.NOT_ACCEPTABLE));
        Element error = reply.child("error", reply.namespace());
        return reply.withoutChildren(e -> e == error)
                .withChild(error.withChild(Element.of("blocked", BlockingFeature.ERRORS_NAMESPACE)));
    }
}
