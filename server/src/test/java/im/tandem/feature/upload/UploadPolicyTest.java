package im.tandem.feature.upload;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names, types and dispositions of uploads, and the shape of the XEP's error replies. */
class UploadPolicyTest {

    @Test
    void pathsControlCharactersAndOverridesAreNoFilenames() {
        for (String bad : List.of("", " ", "..", ".", "a/b", "..\\x", "a\u0000b", "a\nb", "a\u202Eb", "a\u2066b",
                "x".repeat(256))) {
            assertThat(UploadPolicy.filenameProblem(bad)).as(bad).isNotNull();
        }
        for (String good : List.of("a.txt", "report 2026.pdf", "фото.jpg", "..hidden", "x".repeat(255))) {
            assertThat(UploadPolicy.filenameProblem(good)).as(good).isNull();
        }
    }

    @Test
    void urlNamesUseOnlySafeCharactersAndNeverStartWithADot() {
        assertThat(UploadPolicy.urlName("../../etc/passwd")).isEqualTo("_.._etc_passwd");
        assertThat(UploadPolicy.urlName("фото.jpg")).isEqualTo("____.jpg");
        assertThat(UploadPolicy.urlName("...")).isEqualTo("file");
        assertThat(UploadPolicy.urlName("a%2e%2e?#.txt")).matches("[A-Za-z0-9._-]+");
        assertThat(UploadPolicy.urlName("y".repeat(300) + ".png")).hasSize(100).endsWith(".png");
    }

    @Test
    void typesAreNormalisedAndCheckedAgainstTheList() {
        assertThat(UploadPolicy.normalizeType(null)).isEqualTo("application/octet-stream");
        assertThat(UploadPolicy.normalizeType("application/octet-stream;")).isEqualTo("application/octet-stream");
        assertThat(UploadPolicy.normalizeType("Text/Plain; charset=UTF-8")).isEqualTo("text/plain");
        assertThat(UploadPolicy.normalizeType("text")).isNull();
        assertThat(UploadPolicy.normalizeType("text/plain\r\nX-Evil: 1")).isNull();
        UploadPolicy policy = new UploadPolicy(List.of("image/*", "application/pdf"));
        assertThat(policy.allows("image/png")).isTrue();
        assertThat(policy.allows("application/pdf")).isTrue();
        assertThat(policy.allows("text/html")).isFalse();
        assertThat(policy.allows("imagex/png")).isFalse();
        assertThat(new UploadPolicy(List.of()).allows("text/html")).isTrue();
    }

    @Test
    void onlyHarmlessMediaIsInline() {
        assertThat(UploadPolicy.isInline("image/png")).isTrue();
        assertThat(UploadPolicy.isInline("image/svg+xml")).isFalse();
        assertThat(UploadPolicy.isInline("text/html")).isFalse();
        assertThat(UploadPolicy.isInline("application/pdf")).isFalse();
    }

    @Test
    void applicationErrorsSitInsideTheErrorElement() {
        Stanza iq = Stanza.of(Element.builder("iq", Stanza.CLIENT_NAMESPACE).attribute("type", "get").attribute("id", "1")
                .attribute("from", "a@localhost/r").attribute("to", "upload.localhost")
                .child(Element.builder("request", UploadSlots.NAMESPACE).attribute("filename", "a").build()).build());
        Element reply = UploadSlots.withApplicationError(iq, StanzaError.of(StanzaError.Condition.NOT_ACCEPTABLE, "too big"),
                Element.builder("file-too-large", UploadSlots.NAMESPACE).textChild("max-file-size", UploadSlots.NAMESPACE, "10")
                        .build());
        String xml = reply.toString();
        assertThat(xml).contains("type=\"error\"").contains("<not-acceptable")
                .containsPattern("<error [^>]*>.*<file-too-large xmlns=\"urn:xmpp:http:upload:0\"><max-file-size>10</max-file-size>"
                        + "</file-too-large></error>");
    }
}
