package im.tandem.feature.bookmarks;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.feature.pep.PepTestSupport;
import im.tandem.support.RawXmppClient;
import im.tandem.support.XmppClients;
import org.junit.jupiter.api.Test;

/** PEP native bookmarks (XEP-0402) and their compatibility with private-storage bookmarks (XEP-0048). */
class BookmarksIT extends PepTestSupport {

    private static final String NODE = "urn:xmpp:bookmarks:1";

    private static String conference(String name, String nick) {
        return "<conference xmlns='urn:xmpp:bookmarks:1' name='" + name + "' autojoin='true'><nick>" + nick
                + "</nick></conference>";
    }

    private static String privateGet(String id) {
        return "<iq type='get' id='" + id + "'><query xmlns='jabber:iq:private'><storage xmlns='storage:bookmarks'/>"
                + "</query></iq>";
    }

    @Test
    void nativeBookmarksRoundTripAndStayPrivate() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        contacts(alice, bob);
        try (XmppClients clients = clients(); RawXmppClient phone = rawUser(alice, "phone");
             RawXmppClient friend = rawUser(bob, "pc")) {
            var desk = device(clients, alice, "desk", NODE);
            for (int i = 0; i < 3; i++) {
                assertThat(iq(phone, "b" + i, publish("b" + i, null, NODE, "room" + i + "@conference.localhost",
                        conference("Room " + i, "al"), "pubsub#access_model", "whitelist", "pubsub#max_items", "max",
                        "pubsub#persist_items", "true", "pubsub#send_last_published_item", "never")))
                        .contains("type=\"result\"");
            }
            assertThat(desk.next()).contains("room0@conference.localhost");
            String all = iq(phone, "all", items("all", alice + "@localhost", NODE, null));
            assertThat(all).contains("room0@conference.localhost").contains("room1@conference.localhost")
                    .contains("room2@conference.localhost").contains("<nick>al</nick>");
            assertThat(iq(friend, "peek", items("peek", alice + "@localhost", NODE, null))).contains("<not-allowed")
                    .doesNotContain("Room 1");
        }
    }

    @Test
    void privateStorageBookmarksAndPepBookmarksStayInStep() throws Exception {
        String alice = createUser("alice");
        try (XmppClients clients = clients(); RawXmppClient legacy = rawUser(alice, "old-client")) {
            var modern = device(clients, alice, "new-client", NODE);
            assertThat(iq(legacy, "s1", "<iq type='set' id='s1'><query xmlns='jabber:iq:private'>"
                    + "<storage xmlns='storage:bookmarks'>"
                    + "<conference jid='tea@conference.localhost' name='Tea' autojoin='1'><nick>alice</nick></conference>"
                    + "<conference jid='cake@conference.localhost' name='Cake'/>"
                    + "<url name='Home' url='https://example.org/'/>"
                    + "</storage></query></iq>")).contains("type=\"result\"");

            String event = modern.next();
            assertThat(event).contains("tea@conference.localhost");
            String items = iq(legacy, "i1", items("i1", alice + "@localhost", NODE, null));
            assertThat(items).contains("id=\"tea@conference.localhost\"").contains("id=\"cake@conference.localhost\"")
                    .contains("autojoin=\"true\"").contains("<nick>alice</nick>");

            // a bookmark published the XEP-0402 way shows up in private storage, URLs kept
            iq(legacy, "p1", publish("p1", null, NODE, "pie@conference.localhost", conference("Pie", "al")));
            String stored = iq(legacy, "g1", privateGet("g1"));
            assertThat(stored).contains("jid=\"pie@conference.localhost\"").contains("jid=\"tea@conference.localhost\"")
                    .contains("https://example.org/");

            // and a retraction takes it out again
            iq(legacy, "r1", "<iq type='set' id='r1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<retract node='" + NODE + "'><item id='tea@conference.localhost'/></retract></pubsub></iq>");
            assertThat(iq(legacy, "g2", privateGet("g2"))).doesNotContain("tea@conference.localhost")
                    .contains("pie@conference.localhost");

            // storing a shorter list removes the bookmark from PEP
            iq(legacy, "s2", "<iq type='set' id='s2'><query xmlns='jabber:iq:private'><storage xmlns='storage:bookmarks'>"
                    + "<conference jid='pie@conference.localhost' name='Pie'/></storage></query></iq>");
            assertThat(iq(legacy, "i2", items("i2", alice + "@localhost", NODE, null)))
                    .contains("pie@conference.localhost").doesNotContain("cake@conference.localhost");
        }
    }
}
