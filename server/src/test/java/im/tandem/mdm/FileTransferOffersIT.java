package im.tandem.mdm;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.support.RawXmppClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 3, file transfer: a peer-to-peer offer (XEP-0096 stream initiation, XEP-0234
 * over Jingle) sent to a bare JID reaches only the user's active client, or the highest-priority
 * session when none is active; it is not held by quiet mode and not copied. The receiving devices
 * are raw clients: Smack answers such requests itself before a test could look at them.
 */
class FileTransferOffersIT extends MdmServerTest {

    private static final String SI_OFFER = "<iq type='set' id='%1$s' to='%2$s'>"
            + "<si xmlns='http://jabber.org/protocol/si' id='sid-%1$s' profile='http://jabber.org/protocol/si/profile/file-transfer'>"
            + "<file xmlns='http://jabber.org/protocol/si/profile/file-transfer' name='notes.txt' size='1024'/>"
            + "<feature xmlns='http://jabber.org/protocol/feature-neg'><x xmlns='jabber:x:data' type='form'>"
            + "<field var='stream-method' type='list-single'><option><value>http://jabber.org/protocol/bytestreams</value>"
            + "</option></field></x></feature></si></iq>";
    private static final String JINGLE_OFFER = "<iq type='set' id='%1$s' to='%2$s'>"
            + "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='sid-%1$s'>"
            + "<content creator='initiator' name='offer'><description xmlns='urn:xmpp:jingle:apps:file-transfer:5'>"
            + "<file><name>photo.jpg</name><size>2048</size></file></description></content></jingle></iq>";


    /** A raw device of {@code user}: bound, carbons on, online with {@code priority}. */
    private RawXmppClient device(String user, String resource, int priority) throws Exception {
        RawXmppClient raw = rawLogin(user).bind(resource);
        raw.send("<iq type='set' id='carbons'><enable xmlns='urn:xmpp:carbons:2'/></iq>");
        raw.await("id=\"carbons\"");
        raw.send("<presence><priority>" + priority + "</priority></presence>");
        sync(raw);
        return raw;
    }

    /** A ping round trip: everything the client sent before it has been handled. */
    private static void sync(RawXmppClient raw) throws Exception {
        String id = "sync-" + System.nanoTime();
        raw.send("<iq type='get' id='" + id + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        raw.await("id=\"" + id + "\"");
    }

    private static String fullJid(String user, String resource) {
        return user + "@" + DOMAIN + "/" + resource;
    }

    @Test
    void anOfferToTheBareJidGoesOnlyToTheActiveClientAndItsAnswerBack() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (RawXmppClient laptop = device(alice, "laptop", 5);
             RawXmppClient phone = device(alice, "phone", 0);
             RawXmppClient desk = device(bob, "desk", 0)) {
            // the phone went online last: it is the active client, whatever the priorities say
            desk.send(SI_OFFER.formatted("si1", alice + "@" + DOMAIN));
            assertThat(phone.await("</iq>")).contains("sid-si1").contains("from=\"" + fullJid(bob, "desk") + "\"");
            phone.send("<iq type='result' id='si1' to='" + fullJid(bob, "desk") + "'/>");
            assertThat(desk.awaitMatch("(<iq [^>]*id=\"si1\"[^>]*>)")).contains("type=\"result\"")
                    .contains("from=\"" + fullJid(alice, "phone") + "\"");

            desk.send(JINGLE_OFFER.formatted("j1", alice + "@" + DOMAIN));
            assertThat(phone.await("</iq>")).contains("sid-j1").contains("session-initiate");

            sync(desk);
            sync(laptop);
            assertThat(laptop.transcript()).as("no offer, no copy on the other device")
                    .doesNotContain("sid-si1").doesNotContain("sid-j1");
        }
    }

    @Test
    void withoutAnActiveClientTheHighestPriorityGetsItEvenInQuietMode() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (RawXmppClient laptop = device(alice, "laptop", 5);
             RawXmppClient phone = device(alice, "phone", 0);
             RawXmppClient desk = device(bob, "desk", 0)) {
            later(Duration.ofMinutes(6)); // past the active window: nobody is the active client
            laptop.send("<inactive xmlns='urn:xmpp:csi:0'/>");
            sync(laptop); // flushes nothing: its buffer is empty
            desk.send(SI_OFFER.formatted("si2", alice + "@" + DOMAIN));
            assertThat(laptop.await("</iq>")).as("written at once, not held").contains("sid-si2");
            sync(desk);
            sync(phone);
            assertThat(phone.transcript()).doesNotContain("sid-si2");
        }
    }

    @Test
    void anOfferToAUserWithNoAvailableSessionIsRefusedAndNotStored() throws Exception {
        String carol = createUser("carol");
        String bob = createUser("bob");
        try (RawXmppClient desk = device(bob, "desk", 0)) {
            desk.send(JINGLE_OFFER.formatted("j2", carol + "@" + DOMAIN));
            String answer = desk.await("</iq>");
            assertThat(answer).contains("id=\"j2\"").contains("type=\"error\"").contains("service-unavailable");
        }
        assertThat(offlineStore.fetch(carol).count().block()).isZero();
    }
}
