package im.tandem.feature.mam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.stanza.Jid;
import im.tandem.store.XmlFragments;
import im.tandem.xml.Element;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What is archived (XEP-0313 5.1.1, XEP-0334), preferences (section 6) and stanza-id handling (XEP-0359). */
class ArchivingRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<message type='chat'><body>hi</body></message>|true",
            "<message><body>hi</body></message>|true",
            "<message type='chat'><active xmlns='http://jabber.org/protocol/chatstates'/></message>|false",
            "<message type='chat'><received xmlns='urn:xmpp:receipts' id='1'/></message>|false",
            "<message type='chat'><displayed xmlns='urn:xmpp:chat-markers:0' id='1'/></message>|false",
            "<message type='chat'><displayed xmlns='urn:xmpp:chat-markers:0' id='1'/><store xmlns='urn:xmpp:hints'/></message>|true",
            "<message type='chat'><body>hi</body><no-store xmlns='urn:xmpp:hints'/></message>|false",
            "<message type='chat'><body>hi</body><no-permanent-store xmlns='urn:xmpp:hints'/></message>|false",
            "<message type='error'><body>hi</body></message>|false",
            "<message type='groupchat'><body>hi</body></message>|false",
            "<message type='headline'><body>hi</body></message>|false",
            "<message type='chat'><body>hi</body><sent xmlns='urn:xmpp:carbons:2'/></message>|false",
            "<message type='chat'><body>hi</body><result xmlns='urn:xmpp:mam:2'/></message>|false",
    })
    void archivesMessagesWithContentAndHonoursHints(String xml, boolean archived) {
        Element message = XmlFragments.parse(xml.replace("<message", "<message xmlns='jabber:client'"));
        assertThat(ArchivingPolicy.archivable(message)).as(xml).isEqualTo(archived);
    }

    @Test
    void listsWinOverTheDefaultAndNeverWinsOverAlways() throws Exception {
        ArchivePrefs prefs = ArchivePrefs.parse(XmlFragments.parse("<prefs xmlns='urn:xmpp:mam:2' default='roster'>"
                + "<always><jid>romeo@montague.lit</jid><jid>tybalt@capulet.lit</jid></always>"
                + "<never><jid>tybalt@capulet.lit</jid><jid>nurse@capulet.lit/kitchen</jid></never></prefs>"), 10);
        assertThat(ArchivingPolicy.wanted(prefs, Jid.parse("romeo@montague.lit/orchard"), () -> false)).isTrue();
        assertThat(ArchivingPolicy.wanted(prefs, Jid.parse("tybalt@capulet.lit"), () -> true)).isFalse();
        assertThat(ArchivingPolicy.wanted(prefs, Jid.parse("nurse@capulet.lit/kitchen"), () -> true)).isFalse();
        assertThat(ArchivingPolicy.wanted(prefs, Jid.parse("nurse@capulet.lit/garden"), () -> true)).isTrue();
        assertThat(ArchivingPolicy.wanted(prefs, Jid.parse("friar@verona.lit"), () -> false)).isFalse();
        assertThat(ArchivingPolicy.wanted(ArchivePrefs.defaults(ArchivePrefs.Mode.NEVER), Jid.parse("a@b"), () -> true)).isFalse();
        assertThat(ArchivingPolicy.wanted(ArchivePrefs.defaults(ArchivePrefs.Mode.ALWAYS), Jid.parse("a@b"), () -> false)).isTrue();
    }

    @Test
    void prefsRoundTripAndLimits() throws Exception {
        ArchivePrefs prefs = new ArchivePrefs(ArchivePrefs.Mode.ALWAYS, Map.of("b@x", ArchivePrefs.Rule.NEVER,
                "a@x", ArchivePrefs.Rule.ALWAYS));
        assertThat(ArchivePrefs.parse(prefs.toElement(), 10)).isEqualTo(prefs);
        assertThat(prefs.toElement().toString()).contains("default=\"always\"");
        assertThatThrownBy(() -> ArchivePrefs.parse(XmlFragments.parse("<prefs xmlns='urn:xmpp:mam:2'/>"), 10))
                .isInstanceOf(ArchivePrefs.InvalidPrefs.class);
        assertThatThrownBy(() -> ArchivePrefs.parse(XmlFragments.parse("<prefs xmlns='urn:xmpp:mam:2' default='always'>"
                + "<always><jid>a@x</jid><jid>b@x</jid><jid>c@x</jid></always></prefs>"), 2))
                .isInstanceOf(ArchivePrefs.InvalidPrefs.class);
        assertThatThrownBy(() -> ArchivePrefs.parse(XmlFragments.parse("<prefs xmlns='urn:xmpp:mam:2' default='always'>"
                + "<never><jid></jid></never></prefs>"), 2)).isInstanceOf(ArchivePrefs.InvalidPrefs.class);
    }

    @Test
    void stanzaIdsByLocalEntitiesAreRemovedOthersKept() {
        Element message = XmlFragments.parse("<message xmlns='jabber:client'><body>x</body>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' id='1' by='bob@localhost'/>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' id='2' by='localhost'/>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' id='3' by='room@conference.localhost'/>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' id='4' by='BOB@LOCALHOST'/>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' id='5'/></message>");
        Element clean = StanzaIds.withoutLocal(message, "localhost");
        assertThat(clean.children(StanzaIds.STANZA_ID, StanzaIds.NAMESPACE)).extracting(e -> e.attribute("id"))
                .containsExactly("3", "5");
        Element stamped = StanzaIds.stamped(clean, "abc", Jid.parse("bob@localhost"));
        assertThat(stamped.children(StanzaIds.STANZA_ID, StanzaIds.NAMESPACE).get(2).attributes())
                .containsEntry("id", "abc").containsEntry("by", "bob@localhost");
        Element untouched = XmlFragments.parse("<message xmlns='jabber:client'><body>x</body></message>");
        assertThat(StanzaIds.withoutLocal(untouched, "localhost")).isSameAs(untouched);
    }
}
