package im.tandem.stanza;

import im.tandem.xml.Element;
import java.util.Locale;

/** A stanza error (RFC 6120 section 8.3): type, defined condition and an optional text. */
public record StanzaError(Type type, Condition condition, String text) {

    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-stanzas";

    /** Error types of RFC 6120 section 8.3.2. */
    public enum Type { AUTH, CANCEL, CONTINUE, MODIFY, WAIT }

    /** Defined conditions of RFC 6120 section 8.3.3 with their usual type. */
    public enum Condition {
        BAD_REQUEST(Type.MODIFY),
        CONFLICT(Type.CANCEL),
        FEATURE_NOT_IMPLEMENTED(Type.CANCEL),
        FORBIDDEN(Type.AUTH),
        GONE(Type.CANCEL),
        INTERNAL_SERVER_ERROR(Type.CANCEL),
        ITEM_NOT_FOUND(Type.CANCEL),
        JID_MALFORMED(Type.MODIFY),
        NOT_ACCEPTABLE(Type.MODIFY),
        NOT_ALLOWED(Type.CANCEL),
        NOT_AUTHORIZED(Type.AUTH),
        POLICY_VIOLATION(Type.MODIFY),
        RECIPIENT_UNAVAILABLE(Type.WAIT),
        REDIRECT(Type.MODIFY),
        REGISTRATION_REQUIRED(Type.AUTH),
        REMOTE_SERVER_NOT_FOUND(Type.CANCEL),
        REMOTE_SERVER_TIMEOUT(Type.WAIT),
        RESOURCE_CONSTRAINT(Type.WAIT),
        SERVICE_UNAVAILABLE(Type.CANCEL),
        SUBSCRIPTION_REQUIRED(Type.AUTH),
        UNDEFINED_CONDITION(Type.CANCEL),
        UNEXPECTED_REQUEST(Type.WAIT);

        private final Type defaultType;

        Condition(Type defaultType) {
            this.defaultType = defaultType;
        }

        public String elementName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static StanzaError of(Condition condition) {
        return new StanzaError(condition.defaultType, condition, null);
    }

    public static StanzaError of(Condition condition, String text) {
        return new StanzaError(condition.defaultType, condition, text);
    }

    /** The {@code <error/>} child, in the stream's content namespace. */
    public Element toElement(String contentNamespace) {
        Element.Builder b = Element.builder("error", contentNamespace)
                .attribute("type", type.name().toLowerCase(Locale.ROOT))
                .child(condition.elementName(), NAMESPACE);
        if (text != null) {
            b.child(Element.builder("text", NAMESPACE).attribute("xml:lang", "en").text(text).build());
        }
        return b.build();
    }
}
