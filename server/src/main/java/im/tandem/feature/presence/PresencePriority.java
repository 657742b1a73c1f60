package im.tandem.feature.presence;

import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import java.util.OptionalInt;

/** The {@code <priority/>} of a presence (RFC 6121 4.7.2.3): an integer from -128 to 127, 0 when absent. */
final class PresencePriority {

    private PresencePriority() {
    }

    /** The priority, or empty when the element holds no valid one. */
    static OptionalInt of(Element presence) {
        String text = presence.childText("priority", Stanza.CLIENT_NAMESPACE);
        if (text == null) {
            return OptionalInt.of(0);
        }
        try {
            int value = Integer.parseInt(text.strip());
            return value < -128 || value > 127 ? OptionalInt.empty() : OptionalInt.of(value);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
