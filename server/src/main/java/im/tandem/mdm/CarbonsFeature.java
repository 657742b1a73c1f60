package im.tandem.mdm;

import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.feature.XmppFeature;
import im.tandem.routing.StanzaFilter;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Message Carbons (XEP-0280): {@code <enable/>} turns a session into an MDM-enabled session,
 * advertised in the server's disco#info while MDM is in force. Also refuses any message a
 * client sends with a carbon wrapper (section 11: copies come from the server only).
 */
@Component
public class CarbonsFeature implements XmppFeature, IqHandler, StanzaFilter {

    private final MdmSwitch mdm;

    public CarbonsFeature(MdmSwitch mdm) {
        this.mdm = mdm;
    }

    @Override
    public List<String> serverFeatures() {
        return mdm.enabled() ? List.of(CarbonCopies.NAMESPACE) : List.of();
    }

    @Override
    public String element() {
        return "enable";
    }

    @Override
    public String namespace() {
        return CarbonCopies.NAMESPACE;
    }

    @Override
    public Set<IqTarget> targets() {
        return Set.of(IqTarget.SERVER, IqTarget.OWN_ACCOUNT);
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        if (!"set".equals(iq.type())) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST, "enable is a set")));
        }
        if (!mdm.enabled()) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE,
                    "multi-device messaging is disabled on this server")));
        }
        MdmSessionState.of(session).carbons = true;
        return Mono.just(iq.resultReply(null));
    }

    @Override
    public Mono<Verdict> check(Stanza stanza, ClientSession sender, Jid recipient) {
        if (stanza.kind() == Stanza.Kind.MESSAGE && CarbonCopies.isCarbon(stanza.element())) {
            if (!stanza.isError()) {
                sender.send(stanza.errorReply(StanzaError.of(StanzaError.Condition.NOT_ACCEPTABLE,
                        "carbon copies are made by the server, never accepted from a client")));
            }
            return Mono.just(Verdict.REFUSED);
        }
        return Mono.just(Verdict.PASS);
    }

    /** {@code <disable/>}: the session gets plain RFC 6121 delivery again. */
    @Component
    static class Disable implements IqHandler {

        @Override
        public String element() {
            return "disable";
        }

        @Override
        public String namespace() {
            return CarbonCopies.NAMESPACE;
        }

        @Override
        public Set<IqTarget> targets() {
            return Set.of(IqTarget.SERVER, IqTarget.OWN_ACCOUNT);
        }

        @Override
        public Mono<Element> handle(Stanza iq, ClientSession session) {
            if (!"set".equals(iq.type())) {
                return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST, "disable is a set")));
            }
            MdmSessionState state = MdmSessionState.peek(session);
            if (state != null) {
                state.carbons = false;
            }
            return Mono.just(iq.resultReply(null));
        }
    }
}
