package im.tandem.store;

import im.tandem.transport.StreamEvent;
import im.tandem.transport.XmlStreamDecoder;
import im.tandem.xml.Element;
import im.tandem.xml.XmlLimits;
import im.tandem.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back an element the server stored as XML text (offline messages, vCards, private
 * XML). The text goes through the same hardened stream decoder as client input, behind a
 * synthetic {@code jabber:client} stream header, so stored data can never be parsed more
 * leniently than it was accepted.
 */
public final class XmlFragments {

    private static final byte[] STREAM_HEADER = ("<stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams'>").getBytes(StandardCharsets.UTF_8);

    private XmlFragments() {
    }

    /** The serialized form to store, with the element's namespace declared. */
    public static String serialize(Element element) {
        return XmlWriter.toXml(element);
    }

    /**
     * Parses one serialized element.
     *
     * @throws IllegalArgumentException if the text is not exactly one well-formed element
     */
    public static Element parse(String xml) {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        // the limits only need to admit what was stored; its size was checked when it came in
        XmlLimits limits = new XmlLimits(Math.max(1024, body.length + 1024), 64, 256);
        List<Element> elements = new ArrayList<>(1);
        List<String> failures = new ArrayList<>(1);
        try (XmlStreamDecoder decoder = new XmlStreamDecoder(limits)) {
            java.util.function.Consumer<StreamEvent> sink = event -> {
                if (event instanceof StreamEvent.TopLevel top) {
                    elements.add(top.element());
                } else if (event instanceof StreamEvent.StreamFailure failure) {
                    failures.add(failure.error().toString());
                }
            };
            decoder.feed(STREAM_HEADER, 0, STREAM_HEADER.length, sink);
            decoder.feed(body, 0, body.length, sink);
        }
        if (!failures.isEmpty() || elements.size() != 1) {
            throw new IllegalArgumentException("stored XML is not one element: "
                    + (failures.isEmpty() ? elements.size() + " elements" : failures.get(0)));
        }
        return elements.get(0);
    }
}
