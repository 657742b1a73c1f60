package im.tandem.stanza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JidTest {

    @ParameterizedTest
    @CsvSource({
            "alice@localhost, alice, localhost, ",
            "Alice@LocalHost/Phone, alice, localhost, Phone",
            "localhost, , localhost, ",
            "localhost., , localhost, ",
            "bob@example.org/a/b@c, bob, example.org, a/b@c",
            "ＡＢＣ@localhost, abc, localhost, "
    })
    void parsesAndNormalizes(String text, String local, String domain, String resource) {
        Jid jid = Jid.parse(text);
        assertThat(jid.local()).isEqualTo(local);
        assertThat(jid.domain()).isEqualTo(domain);
        assertThat(jid.resource()).isEqualTo(resource);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@localhost", "alice@", "a<b@localhost", "a b@localhost", "alice@localhost/",
            "al'ice@localhost", "a\"b@localhost", "a&b@localhost", "x@exa mple.org"})
    void rejectsInvalidAddresses(String text) {
        assertThatThrownBy(() -> Jid.parse(text)).isInstanceOf(JidFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 2000})
    void rejectsPartsLongerThan1023Bytes(int length) {
        assertThatThrownBy(() -> Jid.parse("a".repeat(length) + "@localhost")).isInstanceOf(JidFormatException.class);
    }

    @org.junit.jupiter.api.Test
    void bareAndFullCompareByNormalizedParts() {
        Jid full = Jid.parse("ALICE@localhost/desk");
        assertThat(full.isFull()).isTrue();
        assertThat(full.bare()).isEqualTo(Jid.parse("alice@localhost"));
        assertThat(full.toString()).isEqualTo("alice@localhost/desk");
        assertThat(Jid.domain("LOCALHOST").isDomain()).isTrue();
    }
}
