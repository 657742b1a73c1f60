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
 * {@code <disable xmlns='urn:xmpp:push:0' jid='...' [node='...']/>} (XEP-0357 section 6):
 * removes the account's registrations with that app server, or only that node.
 */
@Component
public class PushDisableHandler implements IqHandler {

    private final PushNotifications push;

    public PushDisableHandler(PushNotifications push) {
        this.push = push;
    }

    @Override
    public String element() {
        return "disable";
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
        if (!"set".equals(iq.type())) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST, "disable is a set")));
        }
        Jid service = Jid.tryParse(iq.payload().attribute("jid")).orElse(null);
        if (service == null) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST, "disable needs a jid")));
        }
        return push.disable(session.username(), service, iq.payload().attribute("node")).map(n -> iq.resultReply(null));
    }
}
