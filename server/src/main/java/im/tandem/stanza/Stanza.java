package im.tandem.stanza;

import im.tandem.xml.Element;

/**
 * A routed stanza: the element and its parsed addresses. Parsing {@code to} and
 * {@code from} once here keeps routing from re-parsing them per recipient.
 */
public final class Stanza {

    public static final String CLIENT_NAMESPACE = "jabber:client";

    /** The three stanza kinds of RFC 6120 section 8. */
    public enum Kind { MESSAGE, PRESENCE, IQ }

    private final Element element;
    private final Kind kind;
    private final Jid from;
    private final Jid to;

    private Stanza(Element element, Kind kind, Jid from, Jid to) {
        this.element = element;
        this.kind = kind;
        this.from = from;
        this.to = to;
    }

    /** Reads a stanza; throws {@link JidFormatException} for a malformed address. */
    public static Stanza of(Element element) {
        Kind kind = kindOf(element);
        if (kind == null) {
            throw new IllegalArgumentException("not a stanza: " + element.name());
        }
        String fromText = element.attribute("from");
        String toText = element.attribute("to");
        return new Stanza(element, kind,
                fromText == null ? null : Jid.parse(fromText),
                toText == null ? null : Jid.parse(toText));
    }

    /** The kind of a top-level element in a client stream, or null when it is no stanza. */
    public static Kind kindOf(Element element) {
        if (!CLIENT_NAMESPACE.equals(element.namespace())) {
            return null;
        }
        return switch (element.name()) {
            case "message" -> Kind.MESSAGE;
            case "presence" -> Kind.PRESENCE;
            case "iq" -> Kind.IQ;
            default -> null;
        };
    }

    public Element element() {
        return element;
    }

    public Kind kind() {
        return kind;
    }

    public Jid from() {
        return from;
    }

    public Jid to() {
        return to;
    }

    public String id() {
        return element.attribute("id");
    }

    /** The type attribute; the RFC's default ({@code normal}, available, no default for iq) when absent. */
    public String type() {
        String type = element.attribute("type");
        if (type != null) {
            return type;
        }
        return switch (kind) {
            case MESSAGE -> "normal";
            case PRESENCE -> "available";
            case IQ -> "";
        };
    }

    public boolean isError() {
        return "error".equals(element.attribute("type"));
    }

    public boolean isIqRequest() {
        return kind == Kind.IQ && ("get".equals(type()) || "set".equals(type()));
    }

    public Stanza withFrom(Jid newFrom) {
        return new Stanza(element.withAttribute("from", newFrom == null ? null : newFrom.toString()), kind, newFrom, to);
    }

    public Stanza withTo(Jid newTo) {
        return new Stanza(element.withAttribute("to", newTo == null ? null : newTo.toString()), kind, from, newTo);
    }

    public Stanza withElement(Element newElement) {
        return new Stanza(newElement, kind, from, to);
    }

    /** The payload of an iq: its only child element, or null. */
    public Element payload() {
        return element.firstElement();
    }

    /**
     * The error reply of RFC 6120 section 8.3.1: addresses swapped, type error, the original
     * payload kept for iq requests so the sender can match it.
     */
    public Element errorReply(StanzaError error) {
        Element.Builder b = Element.builder(element.name(), element.namespace())
                .attribute("type", "error")
                .attribute("id", id())
                .attribute("from", to == null ? null : to.toString())
                .attribute("to", from == null ? null : from.toString());
        if (kind == Kind.IQ && payload() != null) {
            b.child(payload());
        }
        b.child(error.toElement(element.namespace()));
        return b.build();
    }

    /** An iq result to this request, with an optional payload. */
    public Element resultReply(Element payload) {
        return Element.builder("iq", CLIENT_NAMESPACE)
                .attribute("type", "result")
                .attribute("id", id())
                .attribute("from", to == null ? null : to.toString())
                .attribute("to", from == null ? null : from.toString())
                .child(payload)
                .build();
    }

    @Override
    public String toString() {
        return element.toString();
    }
}
