package im.tandem.feature.register;

import im.tandem.account.AccountException;
import im.tandem.account.AccountService;
import im.tandem.feature.PreAuthIqHandler;
import im.tandem.feature.XmppFeature;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Registration before authentication (XEP-0077 section 3.1). When disabled it advertises
 * nothing and answers {@code service-unavailable}, as if it did not exist.
 */
@Component
public class RegistrationFeature implements XmppFeature, PreAuthIqHandler {

    public static final String NAMESPACE = "jabber:iq:register";
    public static final String STREAM_FEATURE_NAMESPACE = "http://jabber.org/features/iq-register";

    private static final Logger log = LoggerFactory.getLogger(RegistrationFeature.class);

    private final AccountService accounts;
    private final RegistrationProperties properties;
    private final RegistrationLimiter limiter;

    public RegistrationFeature(AccountService accounts, RegistrationProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
        this.limiter = new RegistrationLimiter(properties.maxPerAddress(), properties.window());
    }

    @Override
    public List<Element> preAuthStreamFeatures() {
        return properties.enabled() ? List.of(Element.of("register", STREAM_FEATURE_NAMESPACE)) : List.of();
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
    public Mono<Element> handle(Stanza iq, InetSocketAddress remoteAddress) {
        if (!properties.enabled()) {
            return error(iq, StanzaError.Condition.SERVICE_UNAVAILABLE, null);
        }
        if ("get".equals(iq.type())) {
            return Mono.just(iq.resultReply(Element.builder("query", NAMESPACE)
                    .textChild("instructions", NAMESPACE, "Choose a username and password to register with this server.")
                    .child("username", NAMESPACE).child("password", NAMESPACE).build()));
        }
        Element query = iq.payload();
        if (query.child("remove", NAMESPACE) != null) {
            return error(iq, StanzaError.Condition.NOT_AUTHORIZED, "authenticate to remove an account");
        }
        String username = query.childText("username", NAMESPACE);
        String password = query.childText("password", NAMESPACE);
        if (username == null || username.isEmpty() || password == null) {
            return error(iq, StanzaError.Condition.BAD_REQUEST, "username and password are required");
        }
        String address = remoteAddress == null || remoteAddress.getAddress() == null ? "unknown"
                : remoteAddress.getAddress().getHostAddress();
        if (!limiter.tryAcquire(address)) {
            return error(iq, StanzaError.Condition.RESOURCE_CONSTRAINT, "too many registrations; try again later");
        }
        return accounts.create(username, password, false)
                .map(account -> {
                    log.info("account {} registered in-band from {}", account.username(), address);
                    return iq.resultReply(null);
                })
                .onErrorResume(AccountException.class, e -> {
                    limiter.release(address);
                    return error(iq, condition(e), e.getMessage());
                });
    }

    static StanzaError.Condition condition(AccountException e) {
        return switch (e.reason()) {
            case EXISTS -> StanzaError.Condition.CONFLICT;
            case WEAK_PASSWORD, INVALID_USERNAME -> StanzaError.Condition.NOT_ACCEPTABLE;
            case NOT_FOUND -> StanzaError.Condition.ITEM_NOT_FOUND;
        };
    }

    static Mono<Element> error(Stanza iq, StanzaError.Condition condition, String text) {
        return Mono.just(iq.errorReply(StanzaError.of(condition, text)));
    }
}
