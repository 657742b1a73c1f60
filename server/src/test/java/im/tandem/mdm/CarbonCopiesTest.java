package im.tandem.mdm;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.mdm.CarbonCopies.Direction;
import im.tandem.stanza.Jid;
import im.tandem.store.XmlFragments;
import im.tandem.xml.Element;
import im.tandem.xml.XmlWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** XEP-0280 eligibility and wrapping, XML in and out. */
class CarbonCopiesTest {

    private static Element xml(String s) {
        return XmlFragments.parse(s);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "<message xmlns='jabber:client' type='chat'><body>hi</body></message>|true",
            "<message xmlns='jabber:client' type='chat'/>|true",
            "<message xmlns='jabber:client'><body>normal with body</body></message>|true",
            "<message xmlns='jabber:client' type='normal'><subject>no body</subject></message>|false",
            "<message xmlns='jabber:client' type='normal'><received xmlns='urn:xmpp:receipts' id='1'/></message>|true",
            "<message xmlns='jabber:client'><displayed xmlns='urn:xmpp:chat-markers:0' id='1'/></message>|true",
            "<message xmlns='jabber:client' type='groupchat'><body>room</body></message>|false",
            "<message xmlns='jabber:client' type='headline'><body>news</body></message>|false",
            "<message xmlns='jabber:client' type='error'><body>bounced</body></message>|false",
            "<message xmlns='jabber:client' type='chat'><body>x</body><private xmlns='urn:xmpp:carbons:2'/></message>|false",
            "<message xmlns='jabber:client' type='chat'><body>x</body><no-copy xmlns='urn:xmpp:hints'/></message>|false",
            "<message xmlns='jabber:client' type='chat'><received xmlns='urn:xmpp:carbons:2'/></message>|false",
            "<message xmlns='jabber:client' type='chat'><body>pm</body><x xmlns='http://jabber.org/protocol/muc#user'/></message>|false",
    })
    void eligibilityOfReceivedMessages(String message, boolean eligible) {
        assertThat(CarbonCopies.eligible(xml(message), Direction.RECEIVED)).isEqualTo(eligible);
    }

    @Test
    void outgoingRoomPrivateMessageIsCopied() {
        Element pm = xml("<message xmlns='jabber:client' type='chat'><body>pm</body>"
                + "<x xmlns='http://jabber.org/protocol/muc#user'/></message>");
        assertThat(CarbonCopies.eligible(pm, Direction.SENT)).isTrue();
    }

    @Test
    void copyWrapsTheOriginalForwardedFromTheBareJid() {
        Element original = xml("<message xmlns='jabber:client' from='bob@example.org/desk' to='alice@example.org' "
                + "type='chat'><body>hi &amp; bye</body></message>");
        Element copy = CarbonCopies.wrap(original, Direction.RECEIVED, Jid.parse("alice@example.org/phone"));
        assertThat(XmlWriter.toXml(copy, "jabber:client")).isEqualTo(
                "<message from=\"alice@example.org\" to=\"alice@example.org/phone\" type=\"chat\">"
                        + "<received xmlns=\"urn:xmpp:carbons:2\"><forwarded xmlns=\"urn:xmpp:forward:0\">"
                        + "<message xmlns=\"jabber:client\" from=\"bob@example.org/desk\" to=\"alice@example.org\" "
                        + "type=\"chat\"><body>hi &amp; bye</body></message></forwarded></received></message>");
        assertThat(CarbonCopies.unwrap(copy, Direction.RECEIVED)).isEqualTo(original);
        assertThat(CarbonCopies.hasBody(copy)).isTrue();
        assertThat(CarbonCopies.isCarbon(copy)).isTrue();
    }

    @Test
    void standaloneChatStatesAreRecognisedDirectlyAndInsideCopies() {
        Element typing = xml("<message xmlns='jabber:client' type='chat'><composing "
                + "xmlns='http://jabber.org/protocol/chatstates'/><thread>t</thread></message>");
        assertThat(CarbonCopies.isStandaloneChatState(typing)).isTrue();
        assertThat(CarbonCopies.isStandaloneChatState(
                CarbonCopies.wrap(typing, Direction.SENT, Jid.parse("a@example.org/x")))).isTrue();
        Element withBody = xml("<message xmlns='jabber:client' type='chat'><body>hi</body><active "
                + "xmlns='http://jabber.org/protocol/chatstates'/></message>");
        assertThat(CarbonCopies.isStandaloneChatState(withBody)).isFalse();
    }
}
