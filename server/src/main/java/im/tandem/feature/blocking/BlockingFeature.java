package im.tandem.feature.blocking;

import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.feature.XmppFeature;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Advertises XEP-0191 and answers {@code <blocklist/>} requests; the session that asks is
 * from then on told about changes. {@link BlockCommand} serves block and unblock.
 */
@Component
public class BlockingFeature implements XmppFeature, IqHandler {

    public static final String NAMESPACE = "urn:xmpp:blocking";
    /** Namespace of the application error that says the sender blocked the recipient. */
    public static final String ERRORS_NAMESPACE = "urn:xmpp:blocking:errors";

    private final BlockLists lists;

    public BlockingFeature(BlockLists lists) {
        this.lists = lists;
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(NAMESPACE);
    }

    @Override
    public String element() {
        return "blocklist";
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public Set<IqTarget> targets() {
        return Set.of(IqTarget.OWN_ACCOUNT);
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        if (!"get".equals(iq.type())) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST,
                    "the block list is read with get and changed with block and unblock")));
        }
        session.put(BlockLists.INTERESTED, Boolean.TRUE);
        return lists.blocked(session.username()).map(blocked -> {
            Element.Builder list = Element.builder("blocklist", NAMESPACE);
            for (String jid : blocked) {
                list.child(Element.builder("item", NAMESPACE).attribute("jid", jid).build());
            }
            return iq.resultReply(list.build());
        });
    }
}
