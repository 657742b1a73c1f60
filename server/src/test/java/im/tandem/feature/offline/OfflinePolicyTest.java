package im.tandem.feature.offline;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.stanza.Stanza;
import im.tandem.store.XmlFragments;
import im.tandem.xml.Element;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OfflinePolicyTest {

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "<message xmlns='jabber:client' to='b@x' type='chat'><body>hi</body></message>                  | true  | chat with body",
        "<message xmlns='jabber:client' to='b@x'><body>hi</body></message>                              | true  | normal by default",
        "<message xmlns='jabber:client' to='b@x' type='normal'><subject>s</subject></message>           | true  | subject only",
        "<message xmlns='jabber:client' to='b@x' type='headline'><body>hi</body></message>              | false | headline",
        "<message xmlns='jabber:client' to='b@x' type='groupchat'><body>hi</body></message>             | false | groupchat",
        "<message xmlns='jabber:client' to='b@x' type='error'><body>hi</body></message>                 | false | error",
        "<message xmlns='jabber:client' to='b@x' type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/></message> | false | chat state alone",
        "<message xmlns='jabber:client' to='b@x' type='chat'><active xmlns='http://jabber.org/protocol/chatstates'/><thread>t</thread></message> | false | chat state and thread",
        "<message xmlns='jabber:client' to='b@x' type='chat'><body>hi</body><no-store xmlns='urn:xmpp:hints'/></message> | false | no-store hint",
        "<message xmlns='jabber:client' to='b@x' type='chat'><gone xmlns='http://jabber.org/protocol/chatstates'/><store xmlns='urn:xmpp:hints'/></message> | true | store hint",
        "<message xmlns='jabber:client' to='b@x' type='chat'><x xmlns='jabber:x:conference' jid='r@muc'/></message> | true | extension content",
        "<message xmlns='jabber:client' to='b@x' type='chat'/>                                           | false | empty",
    })
    void storesOnlyMessagesWorthKeeping(String xml, boolean expected, String why) {
        assertThat(OfflinePolicy.worthStoring(Stanza.of(XmlFragments.parse(xml.strip())))).as(why).isEqualTo(expected);
    }

    @Test
    void stampAddsDelayFromDomainAtTheTime() {
        Element message = XmlFragments.parse("<message xmlns='jabber:client' to='b@x' type='chat'><body>hi</body></message>");
        Element stamped = OfflinePolicy.stamped(message, "example.org", Instant.parse("2026-01-02T03:04:05.678912Z"));
        assertThat(stamped.toString()).isEqualTo("<message xmlns=\"jabber:client\" to=\"b@x\" type=\"chat\"><body>hi</body>"
                + "<delay xmlns=\"urn:xmpp:delay\" from=\"example.org\" stamp=\"2026-01-02T03:04:05.678Z\"/></message>");
    }
}
