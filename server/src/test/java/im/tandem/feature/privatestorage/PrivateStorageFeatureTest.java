package im.tandem.feature.privatestorage;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.store.PrivateXmlStore;
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

class PrivateStorageFeatureTest {

    static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    @TempDir
    static Path dataDir;

    static TestDatabase database;
    static PrivateStorageFeature feature;

    @BeforeAll
    static void open() {
        database = new TestDatabase(dataDir);
        feature = new PrivateStorageFeature(new PrivateXmlStore(database.client()),
                new PrivateStorageProperties(DataSize.ofBytes(200)),
                new org.springframework.beans.factory.support.StaticListableBeanFactory()
                        .getBeanProvider(PrivateXmlListener.class));
    }

    @AfterAll
    static void close() throws Exception {
        database.close();
    }

    @Test
    void setStoresEachChildByNamespaceAndGetReturnsIt() {
        String alice = database.newUser();
        ClientSession session = session(alice);
        Element set = feature.handle(iq("set", alice, null, "<a xmlns='urn:x:a'><v>1</v></a><b xmlns='urn:x:b'/>"),
                session).block();
        assertThat(set.attribute("type")).isEqualTo("result");

        Element got = feature.handle(iq("get", alice, null, "<a xmlns='urn:x:a'/>"), session).block();
        assertThat(got.firstElement().firstElement()).isEqualTo(XmlFragments.parse("<a xmlns='urn:x:a'><v>1</v></a>"));
    }

    @Test
    void getOfNothingStoredReturnsTheEmptyRequestedElement() {
        String alice = database.newUser();
        Element got = feature.handle(iq("get", alice, null, "<prefs xmlns='urn:x:none'/>"), session(alice)).block();
        assertThat(got.firstElement().firstElement()).isEqualTo(Element.of("prefs", "urn:x:none"));
    }

    @Test
    void refusesOthersReservedNamespacesAndOversizedElements() {
        String alice = database.newUser();
        assertThat(condition(feature.handle(iq("get", alice, "bob@example.org", "<a xmlns='urn:x:a'/>"),
                session(alice)).block())).isEqualTo("forbidden");
        assertThat(condition(feature.handle(iq("set", alice, null, "<query xmlns='jabber:iq:private'/>"),
                session(alice)).block())).isEqualTo("not-acceptable");
        assertThat(condition(feature.handle(iq("set", alice, null, "<a xmlns='urn:x:a'>" + "x".repeat(300) + "</a>"),
                session(alice)).block())).isEqualTo("not-acceptable");
    }

    private static String condition(Element reply) {
        return reply.child("error", Stanza.CLIENT_NAMESPACE).childIn(STANZAS).name();
    }

    private static ClientSession session(String username) {
        return RecordingSession.session(username + "@example.org/a", new RecordingSession());
    }

    private static Stanza iq(String type, String from, String to, String payload) {
        return Stanza.of(XmlFragments.parse("<iq xmlns='jabber:client' id='p1' type='" + type + "' from='" + from
                + "@example.org/a'" + (to == null ? "" : " to='" + to + "'") + "><query xmlns='jabber:iq:private'>"
                + payload + "</query></iq>"));
    }
}
