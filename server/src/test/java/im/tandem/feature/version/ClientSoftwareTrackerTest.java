package im.tandem.feature.version;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.feature.DiscoIdentity;
import im.tandem.feature.caps.ClientCapabilities;
import im.tandem.routing.ServerRequests;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.support.RecordingSession;
import im.tandem.xml.Element;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientSoftwareTrackerTest {

    private static final String NS = SoftwareVersionFeature.NAMESPACE;
    private static final String JID = "ann@localhost/tablet";

    private final ServerRequests requests = new ServerRequests("localhost");
    private final ClientSoftwareTracker tracker = new ClientSoftwareTracker(requests);
    private final RecordingSession output = new RecordingSession();
    private final ClientSession session = RecordingSession.session(JID, output);

    private static ClientCapabilities caps(String... features) {
        return new ClientCapabilities("https://example.org/app", List.of(new DiscoIdentity("client", "tablet", null)),
                Set.of(features));
    }

    private static Stanza reply(Element query, String type, String id, String from) {
        Element.Builder iq = Element.builder("iq", Stanza.CLIENT_NAMESPACE).attribute("type", type).attribute("id", id)
                .attribute("from", from).attribute("to", "localhost");
        if (query != null) {
            iq.child(query);
        }
        return Stanza.of(iq.build());
    }

    @Test
    void asksOnceWhenTheCapsSayTheClientAnswersAndKeepsTheAnswer() {
        tracker.capabilitiesResolved(session, caps(NS, "urn:xmpp:ping"));
        tracker.capabilitiesResolved(session, caps(NS));
        assertThat(output.sent()).hasSize(1);
        Element iq = output.sent().get(0);
        assertThat(iq.attribute("type")).isEqualTo("get");
        assertThat(iq.attribute("to")).isEqualTo(JID);
        assertThat(iq.child("query", NS)).isNotNull();

        Element answer = Element.builder("query", NS).textChild("name", NS, "Monal").textChild("version", NS, "6.2")
                .textChild("os", NS, "iPadOS 17.4").build();
        assertThat(requests.complete(reply(answer, "result", iq.attribute("id"), JID))).isTrue();
        assertThat(session.get(ClientSoftwareTracker.SOFTWARE)).isEqualTo(new ClientSoftware("Monal", "6.2", "iPadOS 17.4"));
        assertThat(requests.pendingCount()).isZero();
    }

    @Test
    void doesNotAskAClientWhoseCapsLackTheFeature() {
        tracker.capabilitiesResolved(session, caps("urn:xmpp:ping"));
        assertThat(output.sent()).isEmpty();
        assertThat(requests.pendingCount()).isZero();
    }

    @Test
    void anErrorOrAnotherEntitysAnswerLeavesNothing() {
        tracker.capabilitiesResolved(session, caps(NS));
        String id = output.sent().get(0).attribute("id");
        Element fake = Element.builder("query", NS).textChild("os", NS, "Windows").build();
        assertThat(requests.complete(reply(fake, "result", id, "eve@localhost/x"))).isFalse();
        assertThat(requests.complete(reply(null, "error", id, JID))).isTrue();
        assertThat(session.get(ClientSoftwareTracker.SOFTWARE)).isNull();
    }
}
