package im.tandem.feature.muc;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.support.RawXmppClient;
import im.tandem.support.TandemServerTest;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Group chat against hostile or careless input: the right stanza errors, and the limits hold. */
class MucHostileInputIT extends TandemServerTest {

    private static final String SERVICE = "conference." + DOMAIN;

    private RawXmppClient online(String user, String resource) throws IOException {
        return RawXmppClient.authenticated(c2s.port(), serverCertificate(), DOMAIN, user, PASSWORD)
                .bindAndGoOnline(resource);
    }

    /** Creates {@code room} as an instant room and returns when it is unlocked. */
    private static void createInstant(RawXmppClient c, String room, String nick) throws IOException {
        c.send("<presence to='" + room + "@" + SERVICE + "/" + nick + "'><x xmlns='http://jabber.org/protocol/muc'/></presence>");
        c.await("code=\"201\"");
        c.send("<iq type='set' id='inst' to='" + room + "@" + SERVICE + "'><query xmlns='http://jabber.org/protocol/muc#owner'>"
                + "<x xmlns='jabber:x:data' type='submit'/></query></iq>");
        assertThat(c.await("id=\"inst\"") + c.await(">")).contains("type=\"result\"");
    }

    private static String reply(RawXmppClient c, String id) throws IOException {
        c.await("id=\"" + id + "\"");
        return c.await("</");
    }

    @Test
    void malformedRoomAddressesAndNicknamesAreRefused() throws Exception {
        String alice = createUser("alice");
        String room = "hostile-" + alice;
        try (RawXmppClient a = online(alice, "r")) {
            // no nickname at all
            a.send("<presence id='p1' to='" + room + "@" + SERVICE + "'><x xmlns='http://jabber.org/protocol/muc'/></presence>");
            String noNick = a.await("</presence>");
            assertThat(noNick).contains("id=\"p1\"").contains("type=\"error\"").contains("<jid-malformed");
            // a nickname longer than the limit
            a.send("<presence id='p2' to='" + room + "@" + SERVICE + "/" + "n".repeat(65)
                    + "'><x xmlns='http://jabber.org/protocol/muc'/></presence>");
            String longNick = a.await("</presence>");
            assertThat(longNick).contains("id=\"p2\"").contains("<jid-malformed");
            // a nickname of blanks
            a.send("<presence id='p3' to='" + room + "@" + SERVICE + "/%20' />".replace("%20", "   "));
            assertThat(a.await("</presence>")).contains("id=\"p3\"").contains("<jid-malformed");
            // nothing was created by any of that
            a.send("<iq type='get' id='d1' to='" + room + "@" + SERVICE + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(reply(a, "d1") + a.await("</iq>")).contains("<item-not-found");
            // messages to a room that does not exist, and to the service itself
            a.send("<message id='m1' type='groupchat' to='" + room + "@" + SERVICE + "'><body>x</body></message>");
            assertThat(a.await("</message>")).contains("id=\"m1\"").contains("<item-not-found");
            a.send("<iq type='get' id='u1' to='" + SERVICE + "'><query xmlns='urn:example:unknown'/></iq>");
            assertThat(reply(a, "u1") + a.await("</iq>")).contains("<service-unavailable");
        }
    }

    @Test
    void badConfigurationValuesAndStrangersAreRefused() throws Exception {
        String alice = createUser("alice");
        String mallory = createUser("mallory");
        String room = "config-" + alice;
        String roomJid = room + "@" + SERVICE;
        try (RawXmppClient a = online(alice, "r"); RawXmppClient m = online(mallory, "r")) {
            createInstant(a, room, "alice");
            for (String[] bad : new String[][] {
                    {"muc#roomconfig_maxusers", "lots"},
                    {"muc#roomconfig_maxusers", "100000"},
                    {"muc#roomconfig_persistentroom", "maybe"},
                    {"muc#roomconfig_whois", "everybody"},
                    {"muc#roomconfig_roomname", "x".repeat(2000)},
                    {"muc#roomconfig_roomowners", "not a jid@@"},
                    {"muc#roomconfig_passwordprotectedroom", "1"}}) {
                a.send("<iq type='set' id='bad' to='" + roomJid + "'><query xmlns='http://jabber.org/protocol/muc#owner'>"
                        + "<x xmlns='jabber:x:data' type='submit'><field var='" + bad[0] + "'><value>" + bad[1]
                        + "</value></field></x></query></iq>");
                assertThat(reply(a, "bad") + a.await("</iq>")).as(bad[0] + "=" + bad[1]).contains("<not-acceptable");
            }
            // mallory is no owner: neither the form nor a change, nor a destroy
            m.send("<iq type='get' id='g' to='" + roomJid + "'><query xmlns='http://jabber.org/protocol/muc#owner'/></iq>");
            assertThat(reply(m, "g") + m.await("</iq>")).contains("<forbidden");
            m.send("<iq type='set' id='s' to='" + roomJid + "'><query xmlns='http://jabber.org/protocol/muc#owner'>"
                    + "<destroy/></query></iq>");
            assertThat(reply(m, "s") + m.await("</iq>")).contains("<forbidden");
            m.send("<iq type='set' id='aff' to='" + roomJid + "'><query xmlns='http://jabber.org/protocol/muc#admin'>"
                    + "<item affiliation='owner' jid='" + mallory + "@" + DOMAIN + "'/></query></iq>");
            assertThat(reply(m, "aff") + m.await("</iq>")).contains("<forbidden");
            // a stranger's groupchat message
            m.send("<message id='gc' type='groupchat' to='" + roomJid + "'><body>spam</body></message>");
            assertThat(m.await("</message>")).contains("id=\"gc\"").contains("<not-acceptable");
            // the room relays no declines for people it never invited (else it would be a spam relay)
            m.send("<message id='dec' to='" + roomJid + "'><x xmlns='http://jabber.org/protocol/muc#user'>"
                    + "<decline to='victim@" + DOMAIN + "'><reason>spam</reason></decline></x></message>");
            assertThat(m.await("</message>")).contains("id=\"dec\"").contains("<not-acceptable");
            // the owner's own malformed admin requests
            a.send("<iq type='set' id='r1' to='" + roomJid + "'><query xmlns='http://jabber.org/protocol/muc#admin'>"
                    + "<item role='emperor' nick='alice'/></query></iq>");
            assertThat(reply(a, "r1") + a.await("</iq>")).contains("<bad-request");
            a.send("<iq type='set' id='r2' to='" + roomJid + "'><query xmlns='http://jabber.org/protocol/muc#admin'>"
                    + "<item affiliation='member' jid='@@'/></query></iq>");
            assertThat(reply(a, "r2") + a.await("</iq>")).contains("<jid-malformed");
            a.send("<iq type='set' id='r3' to='" + roomJid + "'><query xmlns='http://jabber.org/protocol/muc#admin'>"
                    + "<item role='none' nick='ghost'/></query></iq>");
            assertThat(reply(a, "r3") + a.await("</iq>")).contains("<item-not-found");
        }
    }

    @Test
    void floodingOccupantIsSlowedDown() throws Exception {
        String alice = createUser("alice");
        String room = "flood-" + alice;
        try (RawXmppClient a = online(alice, "r")) {
            createInstant(a, room, "alice");
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                burst.append("<message type='groupchat' id='f").append(i).append("' to='").append(room).append('@')
                        .append(SERVICE).append("'><body>flood ").append(i).append("</body></message>");
            }
            a.send(burst.toString());
            assertThat(a.await("<resource-constraint", Duration.ofSeconds(20))).contains("type=\"error\"");
        }
    }

    @Test
    void roomsPerUserAreBounded() throws Exception {
        String alice = createUser("alice");
        try (RawXmppClient a = online(alice, "r")) {
            for (int i = 0; i < 20; i++) {
                createInstant(a, "quota" + i + "-" + alice, "alice");
            }
            a.send("<presence id='over' to='quota-over-" + alice + "@" + SERVICE
                    + "/alice'><x xmlns='http://jabber.org/protocol/muc'/></presence>");
            String refused = a.await("id=\"over\"") + a.await("</presence>");
            assertThat(refused).contains("type=\"error\"").contains("<resource-constraint");
        }
    }
}
