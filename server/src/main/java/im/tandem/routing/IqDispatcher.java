package im.tandem.routing;

import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Finds the {@link IqHandler} for a request by its payload and addressee, and guarantees
 * a reply: an unknown payload gets {@code service-unavailable}, a failing handler
 * {@code internal-server-error}, never silence.
 */
@Component
public class IqDispatcher {

    private static final Logger log = LoggerFactory.getLogger(IqDispatcher.class);

    private record Key(IqTarget target, String element, String namespace) {
    }

    private final Map<Key, IqHandler> handlers = new HashMap<>();

    public IqDispatcher(List<IqHandler> handlerBeans) {
        for (IqHandler handler : handlerBeans) {
            for (IqTarget target : handler.targets()) {
                IqHandler previous = handlers.put(new Key(target, handler.element(), handler.namespace()), handler);
                if (previous != null) {
                    throw new IllegalStateException("two handlers for " + target + " {" + handler.namespace() + "}"
                            + handler.element() + ": " + previous.getClass().getName() + " and " + handler.getClass().getName());
                }
            }
        }
    }

    /** Whether some handler serves this payload for this addressee. */
    public boolean serves(IqTarget target, Element payload) {
        return payload != null && handlers.containsKey(new Key(target, payload.name(), payload.namespace()));
    }

    /** Answers a get/set request; the reply is never empty. */
    public Mono<Element> dispatch(Stanza iq, IqTarget target, ClientSession session) {
        Element payload = iq.payload();
        if (payload == null || iq.element().elements().size() != 1) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST,
                    "an iq request carries exactly one payload element")));
        }
        IqHandler handler = handlers.get(new Key(target, payload.name(), payload.namespace()));
        if (handler == null) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE)));
        }
        return Mono.defer(() -> handler.handle(iq, session))
                .switchIfEmpty(Mono.fromSupplier(() -> iq.errorReply(
                        StanzaError.of(StanzaError.Condition.INTERNAL_SERVER_ERROR, "no reply"))))
                .onErrorResume(e -> {
                    log.warn("iq handler {} failed on {}", handler.getClass().getSimpleName(), iq, e);
                    return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.INTERNAL_SERVER_ERROR)));
                });
    }
}
