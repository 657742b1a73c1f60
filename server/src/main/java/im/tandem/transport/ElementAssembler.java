package im.tandem.transport;

import im.tandem.xml.Element;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLStreamReader;

/**
 * Builds one top-level element from parser events: a stack of open element builders and the
 * character data seen since the last tag. Used only by {@link XmlStreamDecoder}.
 *
 * <p>Character data arrives in pieces (the non-blocking parser hands out whatever text the
 * current input holds), so it is collected in one buffer and turned into a single
 * {@link im.tandem.xml.Text} node when the next tag starts or ends.
 */
final class ElementAssembler {

    /** Above this the text buffer is dropped after use, so one large stanza does not pin memory. */
    private static final int RETAINED_TEXT_CAPACITY = 8 * 1024;

    private final Deque<Element.Builder> open = new ArrayDeque<>();
    private StringBuilder text = new StringBuilder();

    /** Number of open elements: 0 between stanzas, 1 inside a stanza's own start tag. */
    int depth() {
        return open.size();
    }

    /** Opens the element the reader is positioned on (a START_ELEMENT event). */
    void start(XMLStreamReader reader) {
        flushText();
        Element.Builder builder = Element.builder(reader.getLocalName(), orEmpty(reader.getNamespaceURI()));
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String prefix = reader.getAttributePrefix(i);
            String value = reader.getAttributeValue(i);
            if (prefix == null || prefix.isEmpty()) {
                builder.attribute(reader.getAttributeLocalName(i), value);
            } else {
                builder.attribute(prefix + ':' + reader.getAttributeLocalName(i), value);
                // The element model keeps attribute names as written; repeating the prefix
                // declaration on this element keeps the tree serializable on its own, wherever
                // the prefix was declared in the input.
                if (!"xml".equals(prefix)) {
                    builder.attribute("xmlns:" + prefix, reader.getAttributeNamespace(i));
                }
            }
        }
        open.push(builder);
    }

    /** Adds the character data of the current CHARACTERS, CDATA or SPACE event. */
    void text(XMLStreamReader reader) {
        text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
    }

    /**
     * Closes the innermost element.
     *
     * @return the completed top-level element, or null when the closed element was nested
     */
    Element end() {
        flushText();
        Element element = open.pop().build();
        if (open.isEmpty()) {
            return element;
        }
        open.peek().child(element);
        return null;
    }

    /** Forgets any partly built element. */
    void clear() {
        open.clear();
        text = new StringBuilder();
    }

    private void flushText() {
        if (text.length() == 0) {
            return;
        }
        if (!open.isEmpty()) {
            open.peek().text(text.toString());
        }
        if (text.capacity() > RETAINED_TEXT_CAPACITY) {
            text = new StringBuilder();
        } else {
            text.setLength(0);
        }
    }

    private static String orEmpty(String namespace) {
        return namespace == null ? "" : namespace;
    }
}
