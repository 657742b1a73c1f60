package im.tandem.xml;

import java.util.Map;

/**
 * Serializes elements to XML text. A namespace is declared only where it differs from the
 * enclosing element's, so a stanza written inside a {@code jabber:client} stream carries no
 * redundant {@code xmlns}. Text and attribute values are escaped; characters not allowed in
 * XML 1.0 never reach here because the decoder rejects them and features build text from
 * validated input.
 *
 * <p>A stanza ({@code message}, {@code presence}, {@code iq} of {@code jabber:client}) is
 * serialized once per form and the text kept on the element: a message fanned out to several
 * sessions, or forwarded inside several carbon copies (each with its own {@code to}), is
 * written as text once. {@link #length} measures without keeping anything.
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
        boolean stanza = isStanza(element, streamNamespace);
        boolean declared = !element.namespace().equals(streamNamespace);
        if (stanza) {
            String cached = element.cachedXml(declared);
            if (cached != null) {
                return cached;
            }
        }
        StringBuilder sb = new StringBuilder(128);
        writeElement(element, streamNamespace, sb, true);
        String xml = sb.toString();
        if (stanza) {
            element.cacheXml(declared, xml);
        }
        return xml;
    }

    /** The length {@link #toXml(Element, String)} would have, without keeping the text on the element. */
    public static int length(Element element, String streamNamespace) {
        String cached = element.cachedXml(!element.namespace().equals(streamNamespace));
        if (cached != null) {
            return cached.length();
        }
        StringBuilder sb = new StringBuilder(128);
        writeElement(element, streamNamespace, sb, false);
        return sb.length();
    }

    /** Namespace of stream-level elements, always written with the {@code stream:} prefix declared on the stream header. */
    public static final String STREAMS_NAMESPACE = "http://etherx.jabber.org/streams";

    public static void write(Element element, String parentNamespace, StringBuilder out) {
        if (isStanza(element, parentNamespace)) {
            boolean declared = !element.namespace().equals(parentNamespace);
            String cached = element.cachedXml(declared);
            if (cached == null) {
                int start = out.length();
                writeElement(element, parentNamespace, out, true);
                element.cacheXml(declared, out.substring(start));
            } else {
                out.append(cached);
            }
            return;
        }
        writeElement(element, parentNamespace, out, true);
    }

    private static boolean isStanza(Element element, String parentNamespace) {
        if (!CLIENT_NAMESPACE.equals(element.namespace()) || parentNamespace == null) {
            return false;
        }
        String name = element.name();
        return name.equals("message") || name.equals("presence") || name.equals("iq");
    }

    private static final String CLIENT_NAMESPACE = "jabber:client";

    private static void writeElement(Element element, String parentNamespace, StringBuilder out, boolean memo) {
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
                if (memo) {
                    write(e, childDefaultNamespace, out);
                } else {
                    writeElement(e, childDefaultNamespace, out, false);
                }
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
