package im.tandem.routing;

import im.tandem.feature.IqTarget;
import im.tandem.mdm.MdmDelivery;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.List;
import im.tandem.config.LazyBeans;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Routes what clients send (RFC 6120 section 10, RFC 6121 section 8): requests to the server
 * or to an account go to the {@link IqDispatcher}, presence to the {@link PresenceHandler},
 * messages and iq between users through the {@link StanzaFilter}s to {@link MessageDelivery}
 * or to the addressed session. Domains of connected external components go to them
 * ({@link ExternalDomains}); there is no server-to-server federation yet, so other domains
 * answer {@code remote-server-not-found}.
 */
@Component
public class StanzaRouter {

    static final String SI_NAMESPACE = "http://jabber.org/protocol/si";
    static final String JINGLE_NAMESPACE = "urn:xmpp:jingle:1";

    private final Jid domain;
    private final SessionRegistry sessions;
    private final IqDispatcher iqDispatcher;
    private final PresenceHandler presence;
    private final MessageDelivery messages;
    private final List<StanzaFilter> filters;
    private final UserDirectory users;
    private final ServerRequests serverRequests;
    private final RouterGate gate;
    private final MdmDelivery mdm;
    private final LazyBeans<ExternalDomains> external;
    private final LazyBeans<SentMessageRewriter> rewriters;

    public StanzaRouter(@Value("${tandem.domain:localhost}") String domain, SessionRegistry sessions,
                        IqDispatcher iqDispatcher, PresenceHandler presence, MessageDelivery messages,
                        List<StanzaFilter> filters, UserDirectory users, ServerRequests serverRequests,
                        RouterGate gate, MdmDelivery mdm, ObjectProvider<ExternalDomains> external,
                        ObjectProvider<SentMessageRewriter> rewriters) {
        this.external = LazyBeans.of(external);
        this.rewriters = LazyBeans.of(rewriters);
        this.domain = Jid.domain(domain);
        this.sessions = sessions;
        this.iqDispatcher = iqDispatcher;
        this.presence = presence;
        this.messages = messages;
        this.filters = filters;
        this.users = users;
        this.serverRequests = serverRequests;
        this.gate = gate;
        this.mdm = mdm;
    }

    public Jid domain() {
        return domain;
    }

    /** Routes a stanza a client sent; {@code from} is already the sender's full JID. */
    public Mono<Void> route(Stanza stanza, ClientSession sender) {
        return gate.pass(() -> switch (stanza.kind()) {
            case PRESENCE -> presence.handle(stanza, sender);
            case IQ -> routeIq(stanza, sender);
            case MESSAGE -> routeMessage(stanza, sender);
        });
    }

    private Mono<Void> routeIq(Stanza iq, ClientSession sender) {
        Jid to = iq.to();
        if (!iq.isIqRequest()) {
            if (!"result".equals(iq.type()) && !"error".equals(iq.type())) {
                sender.send(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST, "unknown iq type")));
                return Mono.empty();
            }
            if (to == null || to.equals(domain) || to.equals(sender.bareJid())) {
                // answers to the server's own requests; anything else addressed here is dropped (RFC 6120 8.2.3)
                serverRequests.complete(iq);
                return Mono.empty();
            }
            return toLocalFullJid(iq, sender);
        }
        if (to == null || to.equals(sender.bareJid())) {
            return reply(iqDispatcher.dispatch(iq, IqTarget.OWN_ACCOUNT, sender), sender);
        }
        if (to.equals(domain)) {
            return reply(iqDispatcher.dispatch(iq, IqTarget.SERVER, sender), sender);
        }
        if (!isLocal(to)) {
            return toExternal(iq, sender);
        }
        if (to.local() == null) {
            sender.send(iq.errorReply(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE)));
            return Mono.empty();
        }
        return filter(iq, sender, to).flatMap(pass -> {
            if (!pass) {
                return Mono.empty();
            }
            if (to.isBare() && isFileTransferOffer(iq)) {
                ClientSession target = mdm.fileTransferTarget(to, messages.availableNonNegative(to));
                if (target == null) {
                    return sendError(iq, sender, StanzaError.Condition.SERVICE_UNAVAILABLE);
                }
                target.send(iq.element());
                return Mono.empty();
            }
            if (to.isBare()) {
                return users.exists(to.local()).flatMap(exists -> exists
                        ? reply(iqDispatcher.dispatch(iq, IqTarget.OTHER_ACCOUNT, sender), sender)
                        : sendError(iq, sender, StanzaError.Condition.SERVICE_UNAVAILABLE));
            }
            return toLocalFullJid(iq, sender);
        });
    }

    private Mono<Void> toLocalFullJid(Stanza stanza, ClientSession sender) {
        var target = sessions.session(stanza.to());
        if (target.isPresent()) {
            target.get().send(stanza.element());
            return Mono.empty();
        }
        if (stanza.isIqRequest()) {
            return sendError(stanza, sender, StanzaError.Condition.SERVICE_UNAVAILABLE);
        }
        return Mono.empty();
    }

    private Mono<Void> routeMessage(Stanza sent, ClientSession sender) {
        Stanza message = sent;
        for (SentMessageRewriter rewriter : rewriters.get()) {
            message = rewriter.rewrite(message, sender);
        }
        Stanza addressed = message.to() == null ? message.withTo(sender.bareJid()) : message;
        Jid to = addressed.to();
        if (to.equals(domain) || (isLocal(to) && to.local() == null)) {
            // messages to the server itself have no consumer yet; RFC 6120 10.3 allows ignoring them
            return "error".equals(message.type()) ? Mono.empty()
                    : sendError(message, sender, StanzaError.Condition.SERVICE_UNAVAILABLE);
        }
        // to a local user, or to a component (a gateway's contact) or a sub-service (a room
        // occupant's private message): blocking applies, it is archived (for another domain in
        // the sender's archive only), and the user's other devices and hybrid sessions get their
        // sent carbons (XEP-0280 section 6; groupchat never)
        boolean local = isLocal(to);
        return filter(addressed, sender, to).flatMap(pass -> {
            if (!pass) {
                return Mono.empty();
            }
            return messages.archiveSent(addressed, sender).flatMap(copy -> {
                mdm.sent(copy, sender);
                messages.sent(copy, sender);
                return local ? messages.deliver(addressed, sender) : toExternal(addressed, sender);
            });
        });
    }

    /** To another domain: an external component's, or nowhere (no federation). */
    private Mono<Void> toExternal(Stanza stanza, ClientSession sender) {
        ExternalDomains.Outcome outcome = ExternalDomains.deliverToAny(external.get(), stanza.element(), stanza.to());
        return switch (outcome) {
            case DELIVERED -> Mono.empty();
            case UNAVAILABLE -> sendError(stanza, sender, StanzaError.Condition.SERVICE_UNAVAILABLE);
            case UNKNOWN -> sendError(stanza, sender, StanzaError.Condition.REMOTE_SERVER_NOT_FOUND);
        };
    }

    /**
     * A peer-to-peer file transfer offer: a XEP-0096 stream initiation request or a Jingle
     * (XEP-0166, used by XEP-0234) session-initiate. Everything after the offer goes to full JIDs.
     */
    static boolean isFileTransferOffer(Stanza iq) {
        Element payload = iq.payload();
        if (!"set".equals(iq.type()) || payload == null) {
            return false;
        }
        return payload.is("si", SI_NAMESPACE)
                || (payload.is("jingle", JINGLE_NAMESPACE) && "session-initiate".equals(payload.attribute("action")));
    }

    private Mono<Boolean> filter(Stanza stanza, ClientSession sender, Jid recipient) {
        if (filters.isEmpty()) {
            return Mono.just(true);
        }
        return Flux.fromIterable(filters)
                .concatMap(f -> f.check(stanza, sender, recipient))
                .all(v -> v == StanzaFilter.Verdict.PASS);
    }

    private boolean isLocal(Jid jid) {
        return jid.domain().equals(domain.domain());
    }

    private static Mono<Void> reply(Mono<im.tandem.xml.Element> replyMono, ClientSession sender) {
        return replyMono.doOnNext(sender::send).then();
    }

    private static Mono<Void> sendError(Stanza stanza, ClientSession sender, StanzaError.Condition condition) {
        if (!stanza.isError()) {
            sender.send(stanza.errorReply(StanzaError.of(condition)));
        }
        return Mono.empty();
    }
}
