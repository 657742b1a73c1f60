package im.tandem.feature.register;

import im.tandem.account.AccountException;
import im.tandem.account.AccountService;
import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.stanza.StreamError;
import im.tandem.stanza.StreamErrorCondition;
import im.tandem.xml.Element;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * XEP-0077 for an authenticated user (sections 3.2 and 3.3): {@code get} shows the
 * registration, {@code set} with username and password changes the password, {@code <remove/>}
 * deletes the account and ends all its sessions. Only when registration is enabled.
 */
@Component
public class AccountSelfService implements IqHandler {

    private static final Logger log = LoggerFactory.getLogger(AccountSelfService.class);

    private final AccountService accounts;
    private final SessionRegistry sessions;
    private final RegistrationProperties properties;

    public AccountSelfService(AccountService accounts, SessionRegistry sessions, RegistrationProperties properties) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.properties = properties;
    }

    @Override
    public String element() {
        return "query";
    }

    @Override
    public String namespace() {
        return RegistrationFeature.NAMESPACE;
    }

    @Override
    public Set<IqTarget> targets() {
        return Set.of(IqTarget.SERVER, IqTarget.OWN_ACCOUNT);
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        if (!properties.enabled()) {
            return RegistrationFeature.error(iq, StanzaError.Condition.SERVICE_UNAVAILABLE, null);
        }
        String ns = RegistrationFeature.NAMESPACE;
        if ("get".equals(iq.type())) {
            return Mono.just(iq.resultReply(Element.builder("query", ns).child("registered", ns)
                    .textChild("username", ns, session.username()).child("password", ns).build()));
        }
        Element query = iq.payload();
        if (query.child("remove", ns) != null) {
            return accounts.delete(session.username()).map(deleted -> {
                log.info("account {} removed in-band by {}", session.username(), session.jid());
                return iq.resultReply(null);
            }).doFinally(signal -> {
                // after the requester has its result (sent on the value), every session of the account ends
                for (ClientSession s : sessions.sessionsOf(session.bareJid())) {
                    s.close(StreamError.of(StreamErrorCondition.NOT_AUTHORIZED, "account removed"));
                }
            });
        }
        String username = query.childText("username", ns);
        String password = query.childText("password", ns);
        if (password == null || (username != null && !username.equalsIgnoreCase(session.username()))) {
            return RegistrationFeature.error(iq, StanzaError.Condition.BAD_REQUEST,
                    "give your own username and the new password");
        }
        return accounts.changePassword(session.username(), password)
                .map(changed -> iq.resultReply(null))
                .onErrorResume(AccountException.class,
                        e -> RegistrationFeature.error(iq, RegistrationFeature.condition(e), e.getMessage()));
    }
}
