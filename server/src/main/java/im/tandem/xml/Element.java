package im.tandem.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An immutable XML element: local name, namespace, attributes in document order and
 * children. Attribute names are qualified as written for the {@code xml:} prefix
 * ({@code xml:lang}); namespaces of elements are always resolved URIs.
 *
 * <p>Elements are shared between sessions (a stanza fanned out to several devices is one
 * tree), so every "modification" returns a copy that shares the unchanged parts.
 */
public final class Element implements Node {

    private final String name;
    private final String namespace;
    private final Map<String, String> attributes;
    private final List<Node> children;
    /**
     * {@link XmlWriter}'s memo of a stanza's text, in the two forms it can take: inheriting its
     * namespace from the enclosing element (a stanza on the stream) or declaring it (a stanza
     * forwarded inside a carbon copy). An element never changes, so neither does its text.
     */
    private volatile String inheritedXml;
    private volatile String declaredXml;

    private Element(String name, String namespace, Map<String, String> attributes, List<Node> children) {
        this.name = Objects.requireNonNull(name, "name");
        this.namespace = namespace == null ? "" : namespace;
        this.attributes = attributes;
        this.children = children;
    }

    /** An element with no attributes and no children. */
    public static Element of(String name, String namespace) {
        return new Element(name, namespace, Map.of(), List.of());
    }

    public static Builder builder(String name, String namespace) {
        return new Builder(name, namespace);
    }

    public String name() {
        return name;
    }

    String cachedXml(boolean declared) {
        return declared ? declaredXml : inheritedXml;
    }

    void cacheXml(boolean declared, String xml) {
        if (declared) {
            declaredXml = xml;
        } else {
            inheritedXml = xml;
        }
    }

    public String namespace() {
        return namespace;
    }

    public boolean is(String name, String namespace) {
        return this.name.equals(name) && this.namespace.equals(namespace);
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public String attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    public List<Node> children() {
        return children;
    }

    /** Child elements only, without character data. */
    public List<Element> elements() {
        List<Element> result = new ArrayList<>(children.size());
        for (Node node : children) {
            if (node instanceof Element e) {
                result.add(e);
            }
        }
        return result;
    }

    /** The first child element with this name and namespace, or null. */
    public Element child(String childName, String childNamespace) {
        for (Node node : children) {
            if (node instanceof Element e && e.is(childName, childNamespace)) {
                return e;
            }
        }
        return null;
    }

    /** The first child element in this namespace, whatever its name, or null. */
    public Element childIn(String childNamespace) {
        for (Node node : children) {
            if (node instanceof Element e && e.namespace.equals(childNamespace)) {
                return e;
            }
        }
        return null;
    }

    public Optional<Element> findChild(String childName, String childNamespace) {
        return Optional.ofNullable(child(childName, childNamespace));
    }

    public List<Element> children(String childName, String childNamespace) {
        List<Element> result = new ArrayList<>();
        for (Node node : children) {
            if (node instanceof Element e && e.is(childName, childNamespace)) {
                result.add(e);
            }
        }
        return result;
    }

    /** The first child element, or null when there is none. */
    public Element firstElement() {
        for (Node node : children) {
            if (node instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    /** The concatenated character data directly inside this element. */
    public String text() {
        if (children.isEmpty()) {
            return "";
        }
        if (children.size() == 1 && children.get(0) instanceof Text t) {
            return t.value();
        }
        StringBuilder sb = new StringBuilder();
        for (Node node : children) {
            if (node instanceof Text t) {
                sb.append(t.value());
            }
        }
        return sb.toString();
    }

    /** Text of the first child with this name and namespace, or null when absent. */
    public String childText(String childName, String childNamespace) {
        Element child = child(childName, childNamespace);
        return child == null ? null : child.text();
    }

    /** A copy with the attribute set, or removed when {@code value} is null. */
    public Element withAttribute(String attributeName, String value) {
        if (Objects.equals(attributes.get(attributeName), value)) {
            return this;
        }
        Map<String, String> copy = new LinkedHashMap<>(attributes);
        if (value == null) {
            copy.remove(attributeName);
        } else {
            copy.put(attributeName, value);
        }
        return new Element(name, namespace, Collections.unmodifiableMap(copy), children);
    }

    /** A copy with one more child at the end. */
    public Element withChild(Node child) {
        List<Node> copy = new ArrayList<>(children.size() + 1);
        copy.addAll(children);
        copy.add(child);
        return new Element(name, namespace, attributes, Collections.unmodifiableList(copy));
    }

    /** A copy without the children that match. */
    public Element withoutChildren(Predicate<Element> match) {
        List<Node> copy = new ArrayList<>(children.size());
        for (Node node : children) {
            if (!(node instanceof Element e && match.test(e))) {
                copy.add(node);
            }
        }
        return copy.size() == children.size()
                ? this : new Element(name, namespace, attributes, Collections.unmodifiableList(copy));
    }

    /** A copy with the given children instead of the current ones. */
    public Element withChildren(List<? extends Node> newChildren) {
        return new Element(name, namespace, attributes, List.copyOf(newChildren));
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, namespace);
        b.attributes.putAll(attributes);
        b.children.addAll(children);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Element e && name.equals(e.name) && namespace.equals(e.namespace)
                && attributes.equals(e.attributes) && children.equals(e.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, namespace, attributes, children);
    }

    /** The serialized XML, for logs and tests. */
    @Override
    public String toString() {
        return XmlWriter.toXml(this);
    }

    /** Mutable builder; used by the stream decoder and by features composing replies. */
    public static final class Builder {
        private final String name;
        private final String namespace;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final List<Node> children = new ArrayList<>();

        private Builder(String name, String namespace) {
            this.name = name;
            this.namespace = namespace;
        }

        /** Sets an attribute; a null value is ignored so optional attributes chain cleanly. */
        public Builder attribute(String attributeName, String value) {
            if (value != null) {
                attributes.put(attributeName, value);
            }
            return this;
        }

        public Builder child(Node child) {
            if (child != null) {
                children.add(child);
            }
            return this;
        }

        public Builder children(List<? extends Node> more) {
            children.addAll(more);
            return this;
        }

        /** Adds an empty child element. */
        public Builder child(String childName, String childNamespace) {
            return child(Element.of(childName, childNamespace));
        }

        /** Adds a child element holding only text (nothing when the text is null). */
        public Builder textChild(String childName, String childNamespace, String text) {
            if (text != null) {
                children.add(new Element(childName, childNamespace, Map.of(), List.of(new Text(text))));
            }
            return this;
        }

        public Builder text(String text) {
            if (text != null && !text.isEmpty()) {
                if (!children.isEmpty() && children.get(children.size() - 1) instanceof Text last) {
                    children.set(children.size() - 1, new Text(last.value() + text));
                } else {
                    children.add(new Text(text));
                }
            }
            return this;
        }

        public int childCount() {
            return children.size();
        }

        public Element build() {
            return new Element(name, namespace,
                    attributes.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes)),
                    children.isEmpty() ? List.of() : List.copyOf(children));
        }
    }
}
