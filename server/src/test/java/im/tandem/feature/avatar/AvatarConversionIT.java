package im.tandem.feature.avatar;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.feature.pep.PepTestSupport;
import im.tandem.support.RawXmppClient;
import im.tandem.support.XmppClients;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** XEP-0398: XEP-0084 avatars and vCard photos follow each other. */
class AvatarConversionIT extends PepTestSupport {

    private static final byte[] IMAGE = "not really a png, but bytes all the same".getBytes();
    private static final String BASE64 = Base64.getEncoder().encodeToString(IMAGE);

    private static String sha1() throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(IMAGE));
    }

    @Test
    void aPublishedAvatarBecomesTheVCardPhoto() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        String id = sha1();
        try (RawXmppClient phone = rawUser(alice, "phone"); RawXmppClient other = rawUser(bob, "pc")) {
            assertThat(iq(phone, "d", publish("d", null, AvatarConversion.DATA, id,
                    "<data xmlns='urn:xmpp:avatar:data'>" + BASE64 + "</data>"))).contains("type=\"result\"");
            assertThat(iq(phone, "m", publish("m", null, AvatarConversion.METADATA, id,
                    "<metadata xmlns='urn:xmpp:avatar:metadata'><info bytes='" + IMAGE.length + "' id='" + id
                            + "' type='image/png'/></metadata>"))).contains("type=\"result\"");
            String vcard = iq(other, "v", "<iq type='get' id='v' to='" + alice + "@localhost'><vCard xmlns='vcard-temp'/></iq>");
            assertThat(vcard).contains("<BINVAL>" + BASE64 + "</BINVAL>").contains("<TYPE>image/png</TYPE>");

            // the avatar disabled: the photo goes too
            iq(phone, "off", publish("off", null, AvatarConversion.METADATA, "none", "<metadata xmlns='urn:xmpp:avatar:metadata'/>"));
            assertThat(iq(other, "v2", "<iq type='get' id='v2' to='" + alice + "@localhost'><vCard xmlns='vcard-temp'/></iq>"))
                    .doesNotContain("BINVAL");
        }
    }

    @Test
    void aVCardPhotoIsPublishedAsAnAvatarContactsAreNotified() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        contacts(alice, bob);
        String id = sha1();
        try (XmppClients clients = clients(); RawXmppClient legacy = rawUser(alice, "old");
             RawXmppClient other = rawUser(bob, "pc")) {
            var bobDevice = device(clients, bob, "phone", AvatarConversion.METADATA);
            assertThat(iq(legacy, "set", "<iq type='set' id='set'><vCard xmlns='vcard-temp'><FN>Alice</FN><PHOTO>"
                    + "<TYPE>image/jpeg</TYPE><BINVAL>" + BASE64 + "</BINVAL></PHOTO></vCard></iq>")).contains("type=\"result\"");
            String event = bobDevice.next();
            assertThat(event).contains("urn:xmpp:avatar:metadata").contains("id='" + id + "'").contains("image/jpeg");
            assertThat(iq(other, "data", items("data", alice + "@localhost", AvatarConversion.DATA, null)))
                    .contains(BASE64).contains("id=\"" + id + "\"");

            var info = iq(legacy, "disco", "<iq type='get' id='disco'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(info).contains(AvatarConversion.CONVERSION);
        }
    }
}
