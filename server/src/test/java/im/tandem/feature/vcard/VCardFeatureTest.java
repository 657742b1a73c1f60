package im.tandem.feature.vcard;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.store.VCardStore;
import im.tandem.store.XmlFragments;
import im.tandem.support.RecordingSession;
import im.tandem.support.TestDatabase;
import im.tandem.xml.Element;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class VCardFeatureTest {

    @TempDir
    static Path dataDir;

    static TestDatabase database;
    static VCardFeature feature;

    @BeforeAll
    static void open() {
        database = new TestDatabase(dataDir);
        feature = new VCardFeature(new VCardStore(database.client()), new VCardProperties(DataSize.ofBytes(200)),
                new org.springframework.beans.factory.support.StaticListableBeanFactory()
                        .getBeanProvider(VCardListener.class));
    }

    @AfterAll
    static void close() throws Exception {
        database.close();
    }

    @Test
    void settingAnotherUsersVCardIsForbidden() {
        String alice = database.newUser();
        ClientSession session = RecordingSession.session(alice + "@example.org/a", new RecordingSession());
        Element reply = feature.handle(iq("set", alice + "@example.org/a", "bob@example.org",
                "<vCard xmlns='vcard-temp'><FN>Bob</FN></vCard>"), session).block();
        assertThat(reply.child("error", Stanza.CLIENT_NAMESPACE).child("forbidden", "urn:ietf:params:xml:ns:xmpp-stanzas"))
                .isNotNull();
    }

    @Test
    void vCardOverTheSizeLimitIsNotAcceptable() {
        String alice = database.newUser();
        ClientSession session = RecordingSession.session(alice + "@example.org/a", new RecordingSession());
        Element reply = feature.handle(iq("set", alice + "@example.org/a", null,
                "<vCard xmlns='vcard-temp'><DESC>" + "x".repeat(300) + "</DESC></vCard>"), session).block();
        assertThat(reply.child("error", Stanza.CLIENT_NAMESPACE)
                .child("not-acceptable", "urn:ietf:params:xml:ns:xmpp-stanzas")).isNotNull();
    }

    @Test
    void storedVCardIsReturnedAsItWasSet() {
        String alice = database.newUser();
        ClientSession session = RecordingSession.session(alice + "@example.org/a", new RecordingSession());
        String card = "<vCard xmlns='vcard-temp'><FN>A &amp; B</FN><N><GIVEN>A</GIVEN></N></vCard>";
        assertThat(feature.handle(iq("set", alice + "@example.org/a", null, card), session).block()
                .attribute("type")).isEqualTo("result");
        Element reply = feature.handle(iq("get", alice + "@example.org/a", null, "<vCard xmlns='vcard-temp'/>"),
                session).block();
        assertThat(reply.firstElement()).isEqualTo(XmlFragments.parse(card));
    }

    static Stanza iq(String type, String from, String to, String payload) {
        return Stanza.of(XmlFragments.parse("<iq xmlns='jabber:client' id='v1' type='" + type + "' from='" + from + "'"
                + (to == null ? "" : " to='" + to + "'") + ">" + payload + "</iq>"));
    }
}
