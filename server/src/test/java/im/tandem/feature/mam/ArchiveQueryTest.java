package im.tandem.feature.mam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.stanza.Jid;
import im.tandem.store.XmlFragments;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveQueryTest {

    private static final String FORM = "<x xmlns='jabber:x:data' type='submit'>"
            + "<field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field>";

    @Test
    void readsEveryFilterOfTheFormAndThePagingRequest() throws Exception {
        ArchiveQuery q = parse("<query xmlns='urn:xmpp:mam:2' queryid='f27'>" + FORM
                + "<field var='with'><value>Juliet@Capulet.lit/Balcony</value></field>"
                + "<field var='start'><value>2010-06-07T00:00:00Z</value></field>"
                + "<field var='end'><value>2010-07-07T13:23:54+02:00</value></field>"
                + "<field var='after-id'><value>a1</value></field>"
                + "<field var='before-id'><value>b1</value></field>"
                + "<field var='ids'><value>i1</value><value>i2</value></field></x>"
                + "<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><after>r1</after></set><flip-page/></query>");
        assertThat(q.queryId()).isEqualTo("f27");
        assertThat(q.with()).isEqualTo(Jid.of("juliet", "capulet.lit", "Balcony"));
        assertThat(q.start()).isEqualTo(Instant.parse("2010-06-07T00:00:00Z"));
        assertThat(q.end()).isEqualTo(Instant.parse("2010-07-07T11:23:54Z"));
        assertThat(q.afterId()).isEqualTo("a1");
        assertThat(q.beforeId()).isEqualTo("b1");
        assertThat(q.ids()).containsExactly("i1", "i2");
        assertThat(q.flipPage()).isTrue();
        assertThat(q.page()).isEqualTo(new ResultSetRequest(10, "r1", null, null));
    }

    @Test
    void withoutFormOrSetTheDefaultPageOfEverything() throws Exception {
        ArchiveQuery q = parse("<query xmlns='urn:xmpp:mam:2'/>");
        assertThat(q.with()).isNull();
        assertThat(q.ids()).isNull();
        assertThat(q.page()).isEqualTo(new ResultSetRequest(50, null, null, null));
        assertThat(q.page().backwards()).isFalse();
    }

    @Test
    void emptyBeforeAsksForTheLastPageAndMaxIsCapped() throws Exception {
        ArchiveQuery q = parse("<query xmlns='urn:xmpp:mam:2'><set xmlns='http://jabber.org/protocol/rsm'>"
                + "<max>5000</max><before/></set></query>");
        assertThat(q.page().max()).isEqualTo(100);
        assertThat(q.page().before()).isEmpty();
        assertThat(q.page().backwards()).isTrue();
    }

    @Test
    void indexJumpsIntoTheResultSet() throws Exception {
        assertThat(parse("<query xmlns='urn:xmpp:mam:2'><set xmlns='http://jabber.org/protocol/rsm'>"
                + "<max>0</max><index>30</index></set></query>").page()).isEqualTo(new ResultSetRequest(0, null, null, 30));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            FORM + "<field var='start'><value>yesterday</value></field></x>",
            FORM + "<field var='start'><value>2010-06-07T00:00:00</value></field></x>",
            FORM + "<field var='end'><value></value></field></x>",
            FORM + "<field var='with'><value>@capulet.lit</value></field></x>",
            FORM + "<field var='with'><value>a@b</value><value>c@d</value></field></x>",
            FORM + "<field var='color'><value>red</value></field></x>",
            FORM + "<field><value>red</value></field></x>",
            FORM + "<field var='after-id'><value>a</value></field><field var='after-id'><value>b</value></field></x>",
            "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>urn:xmpp:mam:1</value></field></x>",
            "<x xmlns='jabber:x:data' type='form'/>",
            "<set xmlns='http://jabber.org/protocol/rsm'><max>-1</max></set>",
            "<set xmlns='http://jabber.org/protocol/rsm'><max>ten</max></set>",
            "<set xmlns='http://jabber.org/protocol/rsm'><max>12345678901</max></set>",
            "<set xmlns='http://jabber.org/protocol/rsm'><after/></set>",
            "<set xmlns='http://jabber.org/protocol/rsm'><index>1</index><before/></set>",
    })
    void malformedQueriesAreRefused(String content) {
        assertThatThrownBy(() -> parse("<query xmlns='urn:xmpp:mam:2'>" + content + "</query>"))
                .isInstanceOf(ArchiveQuery.InvalidQuery.class);
    }

    @Test
    void tooManyIdsOrTooLongValuesAreRefused() {
        StringBuilder ids = new StringBuilder(FORM + "<field var='ids'>");
        for (int i = 0; i <= 100; i++) {
            ids.append("<value>id").append(i).append("</value>");
        }
        assertThatThrownBy(() -> parse("<query xmlns='urn:xmpp:mam:2'>" + ids + "</field></x></query>"))
                .isInstanceOf(ArchiveQuery.InvalidQuery.class);
        assertThatThrownBy(() -> parse("<query xmlns='urn:xmpp:mam:2' queryid='" + "q".repeat(300) + "'/>"))
                .isInstanceOf(ArchiveQuery.InvalidQuery.class);
        assertThatThrownBy(() -> parse("<query xmlns='urn:xmpp:mam:2'><set xmlns='http://jabber.org/protocol/rsm'><after>"
                + "x".repeat(200) + "</after></set></query>")).isInstanceOf(ArchiveQuery.InvalidQuery.class);
        assertThatThrownBy(() -> parse("<query xmlns='urn:xmpp:mam:2' node='urn:xmpp:mucsub:nodes:messages'/>"))
                .isInstanceOf(ArchiveQuery.InvalidQuery.class);
    }

    private static ArchiveQuery parse(String xml) throws ArchiveQuery.InvalidQuery {
        return ArchiveQuery.parse(XmlFragments.parse(xml), 50, 100);
    }
}
