package im.tandem.c2s.sm;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.routing.OfflineStorage;
import im.tandem.routing.Redelivery;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StreamError;
import im.tandem.xml.Element;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import reactor.core.publisher.Mono;

/**
 * A hibernating session (a phantom may hibernate for days) keeps only the newest availability
 * presence of each contact among what it has not yet written, so a busy roster cannot fill its
 * queue; subscription requests and messages are all kept, and what was written before the
 * drop is resent untouched on resumption.
 */
class HibernatingPresenceTest {

    private final SessionRegistry sessions = new SessionRegistry();
    private final StreamManagement sm = new StreamManagement(
            new StreamManagementProperties(true, Duration.ofMinutes(5), 500, Duration.ofSeconds(60)),
            new Redelivery(sessions, m -> Mono.just(OfflineStorage.Result.NOT_STORED), "localhost"),
            Clock.systemUTC(), "localhost", new SimpleMeterRegistry(),
            new StaticListableBeanFactory().getBeanProvider(HibernationObserver.class));

    private static final class Wire implements ManagedStream.Connection {
        final List<Element> written = new ArrayList<>();

        @Override
        public boolean writeStanza(Element stanza) {
            written.add(stanza);
            return false;
        }

        @Override
        public void writeNonza(String xml) {
        }

        @Override
        public void close(StreamError error) {
        }

        @Override
        public void finishSession() {
        }
    }

    private static Element presence(String from, String type, String status) {
        return Element.builder("presence", Stanza.CLIENT_NAMESPACE).attribute("from", from).attribute("type", type)
                .textChild("status", Stanza.CLIENT_NAMESPACE, status).build();
    }

    private static Element message(String body) {
        return Element.builder("message", Stanza.CLIENT_NAMESPACE).attribute("from", "bob@localhost/desk")
                .textChild("body", Stanza.CLIENT_NAMESPACE, body).build();
    }

    @Test
    void onlyTheNewestUnwrittenPresenceOfEachContactIsKept() {
        ClientSession session = new ClientSession("s1", Jid.of("alice", "localhost", "phone"),
                im.tandem.support.OpenOutput.INSTANCE, null, true, Instant.now());
        Wire first = new Wire();
        ManagedStream stream = sm.enable(session, first,
                Element.builder("enable", ManagedStream.NAMESPACE).attribute("resume", "true").build());
        stream.send(presence("bob@localhost/desk", null, "before the drop"));
        assertThat(stream.detach(first, true)).isTrue();

        for (int i = 0; i < 100; i++) {
            stream.send(presence("bob@localhost/desk", null, "bob " + i));
            stream.send(presence("carol@localhost/desk", i % 2 == 0 ? null : "unavailable", "carol " + i));
        }
        stream.send(presence("dave@localhost", "subscribe", "let me in"));
        stream.send(presence("dave@localhost", "subscribe", "please"));
        stream.send(message("one"));
        stream.send(presence("bob@localhost/desk", null, "bob last"));
        stream.send(message("two"));

        Wire second = new Wire();
        assertThat(sm.resume(stream, second, 0)).isNull();
        List<String> texts = second.written.stream()
                .map(e -> e.name() + ":" + (e.name().equals("message") ? e.childText("body", Stanza.CLIENT_NAMESPACE)
                        : e.childText("status", Stanza.CLIENT_NAMESPACE)))
                .toList();
        assertThat(texts).containsExactly("presence:before the drop", "presence:carol 99", "presence:let me in",
                "presence:please", "message:one", "presence:bob last", "message:two");
    }
}
