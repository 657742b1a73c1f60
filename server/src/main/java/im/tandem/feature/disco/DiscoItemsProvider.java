package im.tandem.feature.disco;

import im.tandem.session.ClientSession;
import im.tandem.xml.Element;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Contributes {@code <item/>} elements to the server's disco#items, at the root (node null)
 * or at a node of its own. Items may depend on who asks (ad-hoc commands only for admins).
 */
public interface DiscoItemsProvider {

    /** The items at {@code node}; an empty list for nodes this provider does not serve. */
    Mono<List<Element>> serverItems(String node, ClientSession requester);
}
