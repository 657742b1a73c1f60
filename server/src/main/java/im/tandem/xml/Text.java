package im.tandem.xml;

import java.util.Objects;

/** Character data inside an element, held unescaped. */
public record Text(String value) implements Node {
    public Text {
        Objects.requireNonNull(value, "value");
    }
}
