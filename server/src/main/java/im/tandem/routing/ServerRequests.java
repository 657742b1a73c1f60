package im.tandem.routing;

import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Iq requests the server itself sends to clients (disco#info for entity capabilities,
 * pings), matched to their replies by id. Pending requests are bounded by a timeout, so a
 * client that never answers leaves nothing behind.
 */
@Component
public class ServerRequests {

    private record Pending(String to, Sinks.One<Stanza> reply) {
    }

    private final String domain;
    private final ConcurrentMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public ServerRequests(@Value("${tandem.domain:localhost}") String domain) {
        this.domain = domain;
    }

    /** Sends an iq get with {@code payload} to the session; the reply, or empty after {@code timeout}. */
    public Mono<Stanza> get(ClientSession target, Element payload, Duration timeout) {
        return request("get", target.jid().toString(), payload, target::send, timeout);
    }

    /**
     * Sends an iq of {@code type} with {@code payload} to {@code to} through {@code transport}
     * (an external component, say); the reply, or empty after {@code timeout}.
     */
    public Mono<Stanza> request(String type, String to, Element payload, Consumer<Element> transport,
                                Duration timeout) {
        return request(type, domain, to, payload, transport, timeout);
    }

    /** {@link #request(String, String, Element, Consumer, Duration)} from {@code from} (a user's bare JID, say). */
    public Mono<Stanza> request(String type, String from, String to, Element payload, Consumer<Element> transport,
                                Duration timeout) {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        String id = "srv-" + HexFormat.of().formatHex(bytes);
        Sinks.One<Stanza> sink = Sinks.one();
        pending.put(id, new Pending(to, sink));
        transport.accept(Element.builder("iq", Stanza.CLIENT_NAMESPACE).attribute("type", type).attribute("id", id)
                .attribute("from", from).attribute("to", to).child(payload).build());
        return sink.asMono().timeout(timeout, Mono.empty()).doFinally(s -> pending.remove(id));
    }

    /** Offers an iq result or error addressed to the server; true if it answered one of our requests. */
    public boolean complete(Stanza response) {
        String id = response.id();
        if (id == null) {
            return false;
        }
        Pending p = pending.get(id);
        // only the addressee may answer, so one client cannot complete another's request
        if (p == null || response.from() == null || !p.to().equals(response.from().toString())) {
            return false;
        }
        pending.remove(id);
        p.reply().tryEmitValue(response);
        return true;
    }

    public int pendingCount() {
        return pending.size();
    }
}
