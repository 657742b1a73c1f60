package im.tandem.stanza;

import im.tandem.xml.Element;

/**
 * A stream error to send before closing a stream (RFC 6120 section 4.9), with an optional
 * human-readable text for operators and users.
 */
public record StreamError(StreamErrorCondition condition, String text) {

    public static final String STREAM_NAMESPACE = "http://etherx.jabber.org/streams";

    public static StreamError of(StreamErrorCondition condition) {
        return new StreamError(condition, null);
    }

    public static StreamError of(StreamErrorCondition condition, String text) {
        return new StreamError(condition, text);
    }

    /** The {@code <stream:error/>} element. */
    public Element toElement() {
        Element.Builder b = Element.builder("error", STREAM_NAMESPACE)
                .child(condition.elementName(), StreamErrorCondition.NAMESPACE);
        if (text != null) {
            b.child(Element.builder("text", StreamErrorCondition.NAMESPACE)
                    .attribute("xml:lang", "en").text(text).build());
        }
        return b.build();
    }
}
