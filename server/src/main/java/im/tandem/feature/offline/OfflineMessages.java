package im.tandem.feature.offline;

import im.tandem.admin.MeterNames;
import im.tandem.feature.XmppFeature;
import im.tandem.routing.OfflineStorage;
import im.tandem.routing.PresenceListener;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.store.OfflineMessage;
import im.tandem.store.OfflineStore;
import im.tandem.store.XmlFragments;
import im.tandem.xml.Element;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Stores messages for users who are offline and hands them to the first session that sends
 * initial presence with non-negative priority (XEP-0160). Messages are deleted only after
 * they were queued to a session that was still open; if it closed meanwhile, the rest waits
 * for the next login. One delivery per user runs at a time, so two devices logging in
 * together do not both receive the backlog.
 */
@Component
public class OfflineMessages implements OfflineStorage, PresenceListener, XmppFeature {

    /** Server disco feature of XEP-0160 (registered with the XMPP registrar as "msgoffline"). */
    public static final String FEATURE = "msgoffline";

    private static final Logger log = LoggerFactory.getLogger(OfflineMessages.class);

    private final OfflineStore store;
    private final OfflineProperties properties;
    private final String domain;
    private final Clock clock;
    private final Counter stored;
    private final Set<String> delivering = ConcurrentHashMap.newKeySet();

    @Autowired
    public OfflineMessages(OfflineStore store, OfflineProperties properties,
                           @Value("${tandem.domain:localhost}") String domain, MeterRegistry meters) {
        this(store, properties, domain, meters, Clock.systemUTC());
    }

    OfflineMessages(OfflineStore store, OfflineProperties properties, String domain, MeterRegistry meters,
                    Clock clock) {
        this.store = store;
        this.properties = properties;
        this.domain = domain;
        this.clock = clock;
        this.stored = Counter.builder(MeterNames.OFFLINE_STORED)
                .description("Messages put into offline storage").register(meters);
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(FEATURE);
    }

    @Override
    public Mono<Result> store(Stanza message) {
        if (!OfflinePolicy.worthStoring(message) || message.to() == null || message.to().local() == null) {
            return Mono.just(Result.NOT_STORED);
        }
        Element stamped = OfflinePolicy.stamped(message.element(), domain, clock.instant());
        String xml = XmlFragments.serialize(stamped);
        int size = xml.getBytes(StandardCharsets.UTF_8).length;
        return store.store(message.to().local(), xml, size, properties.maxMessages(), properties.maxBytes().toBytes())
                .map(fits -> {
                    if (fits) {
                        stored.increment();
                        return Result.STORED;
                    }
                    return Result.QUOTA_EXCEEDED;
                })
                // the account was deleted between the existence check and the insert
                .onErrorResume(IllegalArgumentException.class, e -> Mono.just(Result.NOT_STORED));
    }

    @Override
    public Mono<Void> initialPresence(ClientSession session) {
        if (session.priority() < 0) {
            return Mono.empty();
        }
        String username = session.username();
        if (!delivering.add(username)) {
            return Mono.empty();
        }
        return store.fetch(username).collectList()
                .flatMap(messages -> store.delete(username, deliver(messages, session)))
                .then()
                .doFinally(signal -> delivering.remove(username));
    }

    /** Sends the messages in order while the session stays open; returns the ids sent. */
    private static List<Long> deliver(List<OfflineMessage> messages, ClientSession session) {
        List<Long> sent = new ArrayList<>(messages.size());
        for (OfflineMessage message : messages) {
            if (!session.isOpen()) {
                break;
            }
            Element element;
            try {
                element = XmlFragments.parse(message.stanza());
            } catch (IllegalArgumentException e) {
                // unreadable rows would block the queue forever; drop them with a trace
                log.warn("dropping unreadable offline message {} of {}: {}", message.id(), session.username(),
                        e.getMessage());
                sent.add(message.id());
                continue;
            }
            session.send(element);
            // a stream that closed while this was queued may not have written it: keep it
            if (!session.isOpen()) {
                break;
            }
            sent.add(message.id());
        }
        return sent;
    }
}
