package im.tandem.feature.pubsub;

import im.tandem.xml.Element;
import java.time.Instant;

/**
 * One published item.
 *
 * @param id        the item id (generated when the publisher gave none)
 * @param publisher bare JID of the publisher
 * @param payload   the payload element, or null for an item without payload
 * @param published when it was published
 */
public record PubsubItem(String id, String publisher, Element payload, Instant published) {

    /** The {@code <item/>} for replies and notifications, with or without its payload. */
    public Element toElement(String namespace, boolean withPayload) {
        return Element.builder("item", namespace).attribute("id", id)
                .attribute("publisher", publisher)
                .child(withPayload ? payload : null).build();
    }
}
