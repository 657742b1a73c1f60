package im.tandem.feature.version;

import im.tandem.feature.IqHandler;
import im.tandem.feature.XmppFeature;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Answers {@code jabber:iq:version} queries to the server. The operating system is left out
 * unless {@code tandem.version.expose-os} is set: it helps attackers more than users.
 */
@Component
public class SoftwareVersionFeature implements XmppFeature, IqHandler {

    public static final String NAMESPACE = "jabber:iq:version";

    private final boolean exposeOs;
    private final String version;

    public SoftwareVersionFeature(@Value("${tandem.version.expose-os:false}") boolean exposeOs) {
        this.exposeOs = exposeOs;
        String implementation = SoftwareVersionFeature.class.getPackage().getImplementationVersion();
        this.version = implementation == null ? "development" : implementation;
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(NAMESPACE);
    }

    @Override
    public String element() {
        return "query";
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        if (!"get".equals(iq.type())) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.NOT_ALLOWED)));
        }
        Element.Builder query = Element.builder("query", NAMESPACE)
                .textChild("name", NAMESPACE, "Tandem")
                .textChild("version", NAMESPACE, version);
        if (exposeOs) {
            query.textChild("os", NAMESPACE, System.getProperty("os.name") + " " + System.getProperty("os.version"));
        }
        return Mono.just(iq.resultReply(query.build()));
    }
}
