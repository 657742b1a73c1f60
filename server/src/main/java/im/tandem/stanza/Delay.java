package im.tandem.stanza;

import im.tandem.xml.Element;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** XEP-0203 Delayed Delivery: the {@code <delay/>} a stanza carries when the server held it. */
public final class Delay {

    public static final String NAMESPACE = "urn:xmpp:delay";

    private Delay() {
    }

    /**
     * The stanza with a {@code <delay/>} from {@code from} at {@code stamp}; unchanged if it already
     * carries one from the same entity (a stanza held twice keeps the first, truer time).
     */
    public static Element stamped(Element stanza, String from, Instant stamp) {
        for (Element delay : stanza.children("delay", NAMESPACE)) {
            if (from.equals(delay.attribute("from"))) {
                return stanza;
            }
        }
        return stanza.withChild(Element.builder("delay", NAMESPACE)
                .attribute("from", from)
                .attribute("stamp", stamp.truncatedTo(ChronoUnit.MILLIS).toString())
                .build());
    }
}
