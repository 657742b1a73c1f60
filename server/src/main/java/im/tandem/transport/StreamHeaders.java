package im.tandem.transport;

import im.tandem.stanza.StreamError;
import im.tandem.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the {@code <stream:stream>} start tag the reader is positioned on. Used only by
 * {@link XmlStreamDecoder}; the checks that can fail live there, with the other stream errors.
 */
final class StreamHeaders {

    private StreamHeaders() {
    }

    /** The header as an event: attributes with names as written, and the declared default namespace. */
    static StreamEvent.StreamOpen open(XMLStreamReader reader, int generation) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.put(qualified(reader.getAttributePrefix(i), reader.getAttributeLocalName(i)),
                    reader.getAttributeValue(i));
        }
        String defaultNamespace = "";
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            if (isEmpty(reader.getNamespacePrefix(i))) {
                defaultNamespace = orEmpty(reader.getNamespaceURI(i));
            }
        }
        return new StreamEvent.StreamOpen(generation, reader.getLocalName(), StreamError.STREAM_NAMESPACE,
                defaultNamespace, Map.copyOf(attributes));
    }

    /**
     * A start tag with the same name and namespace declarations as the header: what a fresh
     * parser must read to continue the stream in the same namespace context.
     */
    static byte[] replay(XMLStreamReader reader) {
        String name = qualified(reader.getPrefix(), reader.getLocalName());
        StringBuilder xml = new StringBuilder(128).append('<').append(name);
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String prefix = reader.getNamespacePrefix(i);
            xml.append(isEmpty(prefix) ? " xmlns" : " xmlns:" + prefix).append("=\"");
            XmlWriter.escapeAttribute(orEmpty(reader.getNamespaceURI(i)), xml);
            xml.append('"');
        }
        return xml.append('>').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String qualified(String prefix, String local) {
        return isEmpty(prefix) ? local : prefix + ':' + local;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
