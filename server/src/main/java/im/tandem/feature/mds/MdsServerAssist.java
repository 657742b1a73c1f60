package im.tandem.feature.mds;

import im.tandem.feature.XmppFeature;
import im.tandem.feature.pep.PepNotifier;
import im.tandem.feature.pubsub.AccessModel;
import im.tandem.feature.pubsub.NodeConfig;
import im.tandem.feature.pubsub.PubsubNodes;
import im.tandem.routing.SentMessageRewriter;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Server-assisted displayed synchronization (XEP-0490 section 5.5): a message a user sends
 * with {@code <displayed xmlns='urn:xmpp:mds:displayed:0'/>} loses that element before it is
 * delivered, copied or archived, and the server publishes it to the user's
 * {@code urn:xmpp:mds:displayed:0} node under the message's {@code to}, creating the node
 * whitelisted with {@code max_items=max} if need be. The user's other devices learn of it as a
 * PEP event.
 */
@Component
public class MdsServerAssist implements XmppFeature, SentMessageRewriter {

    public static final String NAMESPACE = "urn:xmpp:mds:displayed:0";
    public static final String SERVER_ASSIST = "urn:xmpp:mds:server-assist:0";
    public static final String ELEMENT = "displayed";

    private static final Logger log = LoggerFactory.getLogger(MdsServerAssist.class);
    private static final Map<String, List<String>> NODE_OPTIONS = Map.of(
            NodeConfig.ACCESS_MODEL, List.of("whitelist"),
            NodeConfig.MAX_ITEMS, List.of("max"),
            NodeConfig.PERSIST_ITEMS, List.of("true"),
            NodeConfig.SEND_LAST, List.of("never"));

    private final PubsubNodes nodes;
    private final PepNotifier notifier;

    public MdsServerAssist(PubsubNodes nodes, PepNotifier notifier) {
        this.nodes = nodes;
        this.notifier = notifier;
    }

    @Override
    public List<String> accountFeatures() {
        return List.of(SERVER_ASSIST);
    }

    @Override
    public Stanza rewrite(Stanza message, ClientSession sender) {
        Element displayed = message.element().child(ELEMENT, NAMESPACE);
        if (displayed == null) {
            return message;
        }
        Stanza stripped = message.withElement(message.element().withoutChildren(e -> e.is(ELEMENT, NAMESPACE)));
        if (message.to() == null || message.isError()) {
            return stripped;
        }
        // the item id is the 'to' verbatim (XEP-0490 section 6.2): the chat's bare JID, or a room occupant's full JID
        publish(sender, message.to().toString(), displayed)
                .subscribe(null, e -> log.debug("displayed state of {} not stored", sender.jid(), e));
        return stripped;
    }

    private Mono<Void> publish(ClientSession sender, String itemId, Element displayed) {
        String service = sender.bareJid().toString();
        return nodes.node(service, NAMESPACE).hasElement()
                .flatMap(exists -> nodes.publish(service, sender.username(), service, NAMESPACE, itemId, displayed,
                        exists ? null : NODE_OPTIONS, AccessModel.WHITELIST))
                .flatMap(published -> notifier.published(published.node(), published.item()));
    }
}
