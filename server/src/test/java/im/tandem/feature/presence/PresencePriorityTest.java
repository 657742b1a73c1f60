package im.tandem.feature.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PresencePriorityTest {

    @ParameterizedTest(name = "<priority>{0}</priority> -> {1}")
    @CsvSource({"5, 5", "-128, -128", "127, 127", "' 3 ', 3", "128, invalid", "-129, invalid", "high, invalid",
            "'', invalid"})
    void priorityIsAnIntegerFromMinus128To127(String text, String expected) {
        Element presence = Element.builder("presence", Stanza.CLIENT_NAMESPACE)
                .child(Element.builder("priority", Stanza.CLIENT_NAMESPACE).text(text).build())
                .build();
        OptionalInt parsed = PresencePriority.of(presence);
        assertEquals("invalid".equals(expected) ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(expected)), parsed);
    }

    @ParameterizedTest
    @CsvSource({"presence"})
    void missingPriorityIsZero(String name) {
        assertEquals(OptionalInt.of(0), PresencePriority.of(Element.of(name, Stanza.CLIENT_NAMESPACE)));
    }
}
