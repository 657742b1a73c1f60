package im.tandem.feature.push;

import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code <enable xmlns='urn:xmpp:push:0' jid='...' node='...'/>} (XEP-0357 section 5), sent
 * by a client to its own account; an optional {@code jabber:x:data} form is passed on to the
 * app server as publish-options. The app server must be an external component of this server
 * (there is no federation); another JID is refused rather than accepted and never reached.
 */
@Component
public class PushEnableHandler implements IqHandler {

    private static final int MAX_NODE_LENGTH = 1023;
    private static final int MAX_OPTIONS_LENGTH = 4096;

    private final PushNotifications push;
    private final im.tandem.component.ExternalComponents components;

    public PushEnableHandler(PushNotifications push, im.tandem.component.ExternalComponents components) {
        this.push = push;
        this.components = components;
    }

    @Override
    public String element() {
        return "enable";
    }

    @Override
    public String namespace() {
        return PushNotifications.NAMESPACE;
    }

    @Override
    public Set<IqTarget> targets() {
        return Set.of(IqTarget.OWN_ACCOUNT);
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        if (!push.enabled()) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE)));
        }
        if (!"set".equals(iq.type())) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST, "enable is a set")));
        }
        Element enable = iq.payload();
        Jid service = Jid.tryParse(enable.attribute("jid")).orElse(null);
        String node = enable.attribute("node");
        if (service == null || node == null || node.isEmpty() || node.length() > MAX_NODE_LENGTH) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST,
                    "enable needs a valid jid and a node of at most " + MAX_NODE_LENGTH + " characters")));
        }
        if (!components.isConfigured(service.domain())) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.REMOTE_SERVER_NOT_FOUND,
                    "push services must be external components of this server")));
        }
        Element options = enable.child("x", PushNotifications.DATA);
        if (options != null && im.tandem.xml.XmlWriter.length(options, PushNotifications.DATA) > MAX_OPTIONS_LENGTH) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.NOT_ACCEPTABLE,
                    "publish-options of at most " + MAX_OPTIONS_LENGTH + " characters")));
        }
        if (options != null && !"submit".equals(options.attribute("type"))) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST,
                    "publish-options must be a submitted data form")));
        }
        return push.enable(session, service, node, options)
                .map(r -> iq.resultReply(null))
                .defaultIfEmpty(iq.errorReply(StanzaError.of(StanzaError.Condition.RESOURCE_CONSTRAINT,
                        "too many push registrations for this account")));
    }
}
