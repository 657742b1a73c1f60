package im.tandem.routing;

import im.tandem.mdm.MdmDelivery;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import im.tandem.config.LazyBeans;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Delivers a message to a local user by the rules of RFC 6121 section 8.5: to a full JID
 * the session itself (or the bare-JID rules when that resource is gone), to a bare JID
 * every available resource with non-negative priority, or offline storage when there is
 * none. Between a user's own sessions, the multi-device rules of {@link MdmDelivery} decide
 * who gets the notifying copy and who a silent carbon copy.
 */
@Component
public class MessageDelivery {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MessageDelivery.class);

    private final SessionRegistry sessions;
    private final OfflineStorage offline;
    private final UserDirectory users;
    private final MdmDelivery mdm;
    private final LazyBeans<DeliveryTap> taps;
    private final LazyBeans<MessageArchiver> archivers;

    public MessageDelivery(SessionRegistry sessions, OfflineStorage offline, UserDirectory users, MdmDelivery mdm,
                           ObjectProvider<DeliveryTap> taps, ObjectProvider<MessageArchiver> archivers) {
        this.taps = LazyBeans.of(taps);
        this.archivers = LazyBeans.of(archivers);
        this.sessions = sessions;
        this.offline = offline;
        this.users = users;
        this.mdm = mdm;
    }

    /**
     * Delivers {@code message} (from and to set, to a local user). {@code replyTo}, if not
     * null, receives any error bounced back to the sender.
     */
    public Mono<Void> deliver(Stanza message, ClientSession replyTo) {
        return deliver(message, replyTo == null ? null : (Consumer<Element>) replyTo::send);
    }

    /** {@link #deliver(Stanza, ClientSession)} for a sender that is no client session (an external component). */
    public Mono<Void> deliver(Stanza message, Consumer<Element> replyTo) {
        List<MessageArchiver> archiver = archivers.get();
        if (archiver.isEmpty()) {
            return deliverArchived(message, replyTo);
        }
        return archiver.get(0).received(message).defaultIfEmpty(message).flatMap(m -> deliverArchived(m, replyTo));
    }

    /**
     * Archives what {@code sender} sent (in the sender's archive) and returns the message its other
     * sessions and the taps get, before delivery ({@link #deliver}) archives it for the recipient.
     */
    public Mono<Stanza> archiveSent(Stanza message, ClientSession sender) {
        List<MessageArchiver> archiver = archivers.get();
        return archiver.isEmpty() ? Mono.just(message)
                : archiver.get(0).sent(message, sender).defaultIfEmpty(message);
    }

    private Mono<Void> deliverArchived(Stanza message, Consumer<Element> replyTo) {
        Jid to = message.to();
        String type = message.type();
        for (DeliveryTap tap : taps.get()) {
            try {
                tap.received(message);
            } catch (RuntimeException e) {
                log.warn("{} failed on a received message", tap.getClass().getSimpleName(), e);
            }
        }
        if (to.isFull()) {
            var session = sessions.session(to);
            if (session.isPresent()) {
                mdm.toFullJid(message, session.get());
                return Mono.empty();
            }
            switch (type) {
                case "groupchat" -> {
                    return bounce(message, replyTo, StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE));
                }
                case "headline", "error" -> {
                    return Mono.empty();
                }
                default -> {
                    // chat and normal to a resource that is gone fall back to the bare JID
                }
            }
        }
        return deliverToBareJid(message, replyTo);
    }

    private Mono<Void> deliverToBareJid(Stanza message, Consumer<Element> replyTo) {
        String type = message.type();
        if ("error".equals(type)) {
            return Mono.empty();
        }
        if ("groupchat".equals(type)) {
            return bounce(message, replyTo, StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE));
        }
        List<ClientSession> recipients = availableNonNegative(message.to());
        if (!recipients.isEmpty()) {
            mdm.toBareJid(message, recipients);
            return Mono.empty();
        }
        if ("headline".equals(type)) {
            return Mono.empty();
        }
        return users.exists(message.to().local()).flatMap(exists -> {
            if (!exists) {
                return bounce(message, replyTo, StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE));
            }
            return offline.store(message).flatMap(result -> result == OfflineStorage.Result.QUOTA_EXCEEDED
                    ? bounce(message, replyTo, StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE,
                            "the recipient's offline storage is full"))
                    : Mono.empty());
        });
    }

    /** Tells the taps that {@code sender} sent {@code message}. */
    public void sent(Stanza message, ClientSession sender) {
        for (DeliveryTap tap : taps.get()) {
            try {
                tap.sent(message, sender);
            } catch (RuntimeException e) {
                log.warn("{} failed on a sent message", tap.getClass().getSimpleName(), e);
            }
        }
    }

    /** Available resources with non-negative priority, RFC 6121 section 8.5.2.1. */
    public List<ClientSession> availableNonNegative(Jid user) {
        List<ClientSession> all = sessions.sessionsOf(user);
        List<ClientSession> result = new ArrayList<>(all.size());
        for (ClientSession s : all) {
            if (s.isAvailable() && s.priority() >= 0) {
                result.add(s);
            }
        }
        return result;
    }

    private static Mono<Void> bounce(Stanza message, Consumer<Element> replyTo, StanzaError error) {
        if (replyTo != null && !message.isError()) {
            replyTo.accept(message.errorReply(error));
        }
        return Mono.empty();
    }
}
