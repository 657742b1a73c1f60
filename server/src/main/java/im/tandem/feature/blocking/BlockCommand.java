package im.tandem.feature.blocking;

import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import im.tandem.stanza.JidFormatException;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Serves {@code <block/>} or {@code <unblock/>} sets (XEP-0191 sections 3.3 and 3.4): block
 * needs at least one item, an unblock without items unblocks everyone. Declared twice as a
 * bean in {@link BlockCommands}, once per element.
 */
public final class BlockCommand implements IqHandler {

    private final String element;
    private final BlockLists lists;

    BlockCommand(String element, BlockLists lists) {
        this.element = element;
        this.lists = lists;
    }

    @Override
    public String element() {
        return element;
    }

    @Override
    public String namespace() {
        return BlockingFeature.NAMESPACE;
    }

    @Override
    public Set<IqTarget> targets() {
        return Set.of(IqTarget.OWN_ACCOUNT);
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        if (!"set".equals(iq.type())) {
            return error(iq, StanzaError.Condition.BAD_REQUEST, element + " is an iq set");
        }
        List<Jid> jids = new ArrayList<>();
        for (Element item : iq.payload().children("item", BlockingFeature.NAMESPACE)) {
            String text = item.attribute("jid");
            if (text == null) {
                return error(iq, StanzaError.Condition.BAD_REQUEST, "an item needs a jid");
            }
            try {
                jids.add(Jid.parse(text));
            } catch (JidFormatException e) {
                return error(iq, StanzaError.Condition.JID_MALFORMED, e.getMessage());
            }
        }
        if ("block".equals(element)) {
            if (jids.isEmpty()) {
                return error(iq, StanzaError.Condition.BAD_REQUEST, "block at least one JID");
            }
            return lists.block(session, jids).thenReturn(iq.resultReply(null));
        }
        return lists.unblock(session, jids).thenReturn(iq.resultReply(null));
    }

    private static Mono<Element> error(Stanza iq, StanzaError.Condition condition, String text) {
        return Mono.just(iq.errorReply(StanzaError.of(condition, text)));
    }
}
