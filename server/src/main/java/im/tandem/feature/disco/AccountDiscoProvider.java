package im.tandem.feature.disco;

import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import im.tandem.xml.Element;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Answers disco for what lives at a user account (its PEP nodes): the disco#info of a node and
 * the account's disco#items, as the requester may see them.
 */
public interface AccountDiscoProvider {

    /** The disco#info {@code <query/>} of {@code node} at {@code account}, or empty if this provider has no such node. */
    Mono<Element> nodeInfo(Jid account, String node, ClientSession requester);

    /** The {@code <item/>}s at {@code account} (at {@code node}, or its root when null). */
    Mono<List<Element>> accountItems(Jid account, String node, ClientSession requester);
}
