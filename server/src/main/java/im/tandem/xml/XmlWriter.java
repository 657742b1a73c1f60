package im.tandem.xml;

import java.util.Map;

/**
 * Serializes elements to XML text. A namespace is declared only where it differs from the
 * enclosing element's, so a stanza written inside a {@code jabber:client} stream carries no
 * redundant {@code xmlns}. Text and attribute values are escaped; characters not allowed in
 * XML 1.0 never reach here because the decoder rejects them and features build text from
 * validated input.
 */
public final class XmlWriter {

    private XmlWriter() {
    }

    /** Serializes with the element's namespace declared. */
    public static String toXml(Element element) {
        StringBuilder sb = new StringBuilder(128);
        write(element, null, sb);
        return sb.toString();
    }

    /** Serializes as a child of a stream whose default namespace is {@code streamNamespace}. */
    public static String toXml(Element element, String streamNamespace) {
        StringBuilder sb = new StringBuilder(128);
        write(element, streamNamespace, sb);
        return sb.toString();
    }

    /** Namespace of stream-level elements, always written with the {@code stream:} prefix declared on the stream header. */
    public static final String STREAMS_NAMESPACE = "http://etherx.jabber.org/streams";

    public static void write(Element element, String parentNamespace, StringBuilder out) {
        boolean streamLevel = STREAMS_NAMESPACE.equals(element.namespace()) && parentNamespace != null;
        String qualifiedName = streamLevel ? "stream:" + element.name() : element.name();
        // a prefixed element does not change the default namespace its children inherit
        String childDefaultNamespace = streamLevel ? parentNamespace : element.namespace();
        out.append('<').append(qualifiedName);
        if (!streamLevel && !element.namespace().equals(parentNamespace)) {
            out.append(" xmlns=\"");
            escapeAttribute(element.namespace(), out);
            out.append('"');
        }
        for (Map.Entry<String, String> attribute : element.attributes().entrySet()) {
            out.append(' ').append(attribute.getKey()).append("=\"");
            escapeAttribute(attribute.getValue(), out);
            out.append('"');
        }
        if (element.children().isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Node child : element.children()) {
            if (child instanceof Element e) {
                write(e, childDefaultNamespace, out);
            } else if (child instanceof Text t) {
                escapeText(t.value(), out);
            }
        }
        out.append("</").append(qualifiedName).append('>');
    }

    public static void escapeText(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
    }

    public static void escapeAttribute(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                default -> out.append(c);
            }
        }
    }
}
