package im.tandem.feature.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.stanza.Jid;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockMatchTest {

    @ParameterizedTest(name = "item {0} vs {1}: {2}")
    @CsvSource({
        "juliet@capulet.lit/balcony, juliet@capulet.lit/balcony, true",
        "juliet@capulet.lit/balcony, juliet@capulet.lit/chamber, false",
        "juliet@capulet.lit/balcony, juliet@capulet.lit, false",
        "juliet@capulet.lit,         juliet@capulet.lit, true",
        "juliet@capulet.lit,         juliet@capulet.lit/any, true",
        "juliet@capulet.lit,         nurse@capulet.lit, false",
        "capulet.lit/server,         capulet.lit/server, true",
        "capulet.lit/server,         juliet@capulet.lit/server, false",
        "capulet.lit/server,         capulet.lit, false",
        "capulet.lit,                capulet.lit, true",
        "capulet.lit,                juliet@capulet.lit, true",
        "capulet.lit,                juliet@capulet.lit/balcony, true",
        "capulet.lit,                capulet.lit/server, true",
        "capulet.lit,                romeo@montague.lit, false",
        "Juliet@Capulet.lit,         juliet@capulet.lit/x, true",
    })
    void matchesByXep0191Rules(String item, String jid, boolean blocked) {
        Set<String> list = Set.of(Jid.parse(item).toString());
        assertThat(BlockMatch.matches(list, Jid.parse(jid))).isEqualTo(blocked);
    }
}
