package im.tandem.feature.mam;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.support.RawXmppClient;
import im.tandem.support.TandemServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** XEP-0313 and XEP-0359 where the exact XML matters: forged ids, extended filters, hostile queries. */
class MamRawXmlIT extends TandemServerTest {

    private static final Pattern RESULT_ID = Pattern.compile("<result xmlns=\"urn:xmpp:mam:2\"[^>]*? id=\"([^\"]+)\"");

    @Test
    void forgedStanzaIdsInTheServersNameAreStrippedAndTheRealOneAdded() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (RawXmppClient a = login(alice, "laptop"); RawXmppClient b = login(bob, "desk")) {
            a.send("<message type='chat' to='" + bob + "@localhost' id='m1'><body>hello</body>"
                    + "<stanza-id xmlns='urn:xmpp:sid:0' id='forged-bob' by='" + bob + "@localhost'/>"
                    + "<stanza-id xmlns='urn:xmpp:sid:0' id='forged-alice' by='" + alice + "@localhost'/>"
                    + "<stanza-id xmlns='urn:xmpp:sid:0' id='room-1' by='room@conference.example.org'/></message>");
            String got = b.await("</message>");
            assertThat(got).contains("<body>hello</body>").doesNotContain("forged-bob").doesNotContain("forged-alice")
                    .contains("id=\"room-1\"");
            Matcher m = Pattern.compile("<stanza-id xmlns=\"urn:xmpp:sid:0\" id=\"([^\"]+)\" by=\"" + Pattern.quote(bob
                    + "@localhost") + "\"").matcher(got);
            assertThat(m.find()).as("a stanza-id by bob in %s", got).isTrue();
            String delivered = m.group(1);
            assertThat(m.find()).isFalse();

            b.send("<iq type='set' id='q1'><query xmlns='urn:xmpp:mam:2' queryid='x1'/></iq>");
            String answer = b.await("</iq>");
            assertThat(ids(answer)).containsExactly(delivered);
            assertThat(answer).contains("queryid=\"x1\"").contains("<forwarded xmlns=\"urn:xmpp:forward:0\">")
                    .contains("<delay xmlns=\"urn:xmpp:delay\" stamp=").contains("complete=\"true\"")
                    .contains("<count>1</count>").doesNotContain("forged");
        }
    }

    @Test
    void extendedFiltersSelectByIds() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (RawXmppClient a = login(alice, "laptop")) {
            for (int i = 1; i <= 5; i++) {
                a.send("<message type='chat' to='" + bob + "@localhost'><body>m" + i + "</body></message>");
            }
            List<String> all = ids(query(a, "", ""));
            assertThat(all).hasSize(5);
            assertThat(ids(query(a, field("after-id", all.get(1)), ""))).containsExactlyElementsOf(all.subList(2, 5));
            assertThat(ids(query(a, field("before-id", all.get(3)), ""))).containsExactlyElementsOf(all.subList(0, 3));
            assertThat(ids(query(a, field("after-id", all.get(0)) + field("before-id", all.get(4)), "")))
                    .containsExactlyElementsOf(all.subList(1, 4));
            assertThat(ids(query(a, "<field var='ids'><value>" + all.get(4) + "</value><value>" + all.get(2)
                    + "</value></field>", ""))).containsExactly(all.get(2), all.get(4));
            assertThat(ids(query(a, "", "<flip-page/>"))).containsExactlyElementsOf(reversed(all));
            assertThat(query(a, field("after-id", "nope"), "")).contains("<item-not-found");
            assertThat(query(a, field("before-id", "nope"), "")).contains("<item-not-found");

            a.send("<iq type='get' id='md'><metadata xmlns='urn:xmpp:mam:2'/></iq>");
            String metadata = a.await("</iq>");
            assertThat(metadata).contains("<start id=\"" + all.get(0) + "\"").contains("<end id=\"" + all.get(4) + "\"");
        }
    }

    @Test
    void hostileQueriesGetTheRightErrorsAndPagesAreCapped() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (RawXmppClient a = login(alice, "laptop")) {
            for (String bad : List.of(field("start", "yesterday"), field("end", "2020-13-45T99:00:00Z"),
                    field("with", "@@bad@@"), field("no-such-field", "x"),
                    "<field var='FORM_TYPE'><value>urn:xmpp:mam:1</value></field>",
                    field("start", "2020-01-01T00:00:00Z") + field("start", "2021-01-01T00:00:00Z"))) {
                assertThat(query(a, bad, "")).as(bad).contains("<bad-request");
            }
            for (String rsm : List.of("<max>-1</max>", "<max>lots</max>", "<max>99999999999</max>", "<after/>",
                    "<index>1</index><after>x</after>")) {
                assertThat(query(a, "", "<set xmlns='http://jabber.org/protocol/rsm'>" + rsm + "</set>"))
                        .as(rsm).contains("<bad-request");
            }
            a.send("<iq type='set' id='p1'><prefs xmlns='urn:xmpp:mam:2' default='sometimes'/></iq>");
            assertThat(a.await("</iq>")).contains("<bad-request");
            a.send("<iq type='set' id='p2'><prefs xmlns='urn:xmpp:mam:2' default='always'><always><jid>@@</jid></always></prefs></iq>");
            assertThat(a.await("</iq>")).contains("<bad-request");

            a.send("<iq type='set' id='o1' to='" + bob + "@localhost'><query xmlns='urn:xmpp:mam:2'/></iq>");
            assertThat(a.await("</iq>")).contains("type=\"error\"").contains("<forbidden");
            a.send("<iq type='get' id='o2' to='" + bob + "@localhost'><metadata xmlns='urn:xmpp:mam:2'/></iq>");
            assertThat(a.await("</iq>")).contains("<forbidden");
            a.send("<iq type='get' id='o3' to='" + bob + "@localhost'><prefs xmlns='urn:xmpp:mam:2'/></iq>");
            assertThat(a.await("</iq>")).contains("<forbidden");

            for (int i = 0; i < 105; i++) {
                a.send("<message type='chat' to='" + bob + "@localhost'><body>n" + i + "</body></message>");
            }
            String capped = query(a, "", "<set xmlns='http://jabber.org/protocol/rsm'><max>1000</max></set>");
            assertThat(ids(capped)).hasSize(100);
            assertThat(capped).contains("<count>105</count>").doesNotContain("complete=\"true\"");
            assertThat(ids(query(a, "", ""))).hasSize(50);
        }
    }

    private RawXmppClient login(String user, String resource) throws Exception {
        RawXmppClient c = RawXmppClient.authenticated(c2s.port(), serverCertificate(), DOMAIN, user, PASSWORD);
        c.bindAndGoOnline(resource);
        return c;
    }

    private static int queries;

    /** Sends a query with the given form fields and extra query children; returns everything up to the iq answer. */
    private static String query(RawXmppClient c, String fields, String extra) throws Exception {
        String id = "query-" + (++queries);
        String form = fields.isEmpty() ? "" : "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
                + "<value>urn:xmpp:mam:2</value></field>" + fields + "</x>";
        c.send("<iq type='set' id='" + id + "'><query xmlns='urn:xmpp:mam:2' queryid='" + id + "'>" + form + extra
                + "</query></iq>");
        // result messages hold no iq: the first iq end is the answer's
        String upTo = c.await("</iq>", java.time.Duration.ofSeconds(30));
        assertThat(upTo).contains("id=\"" + id + "\"");
        return upTo;
    }

    private static String field(String var, String value) {
        return "<field var='" + var + "'><value>" + value + "</value></field>";
    }

    private static List<String> ids(String xml) {
        List<String> ids = new ArrayList<>();
        Matcher m = RESULT_ID.matcher(xml);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static List<String> reversed(List<String> list) {
        List<String> r = new ArrayList<>(list);
        java.util.Collections.reverse(r);
        return r;
    }
}
