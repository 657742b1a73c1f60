package im.tandem.feature.ping;

import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.feature.XmppFeature;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Answers {@code <ping xmlns='urn:xmpp:ping'/>} addressed to the server or to one's own account. */
@Component
public class PingFeature implements XmppFeature, IqHandler {

    public static final String NAMESPACE = "urn:xmpp:ping";

    @Override
    public List<String> serverFeatures() {
        return List.of(NAMESPACE);
    }

    @Override
    public String element() {
        return "ping";
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public Set<IqTarget> targets() {
        return Set.of(IqTarget.SERVER, IqTarget.OWN_ACCOUNT);
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        return Mono.just(iq.resultReply(null));
    }
}
