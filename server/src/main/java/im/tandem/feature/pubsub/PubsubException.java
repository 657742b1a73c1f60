package im.tandem.feature.pubsub;

import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;

/**
 * A refused pubsub request: the stanza error and, where XEP-0060 defines one, the
 * application-specific condition in {@code pubsub#errors} (with a {@code feature} attribute
 * for {@code unsupported}).
 */
public final class PubsubException extends RuntimeException {

    private final StanzaError.Condition condition;
    private final String pubsubCondition;
    private final String feature;

    public PubsubException(StanzaError.Condition condition, String pubsubCondition, String text) {
        this(condition, pubsubCondition, null, text);
    }

    private PubsubException(StanzaError.Condition condition, String pubsubCondition, String feature, String text) {
        super(text, null, false, false);
        this.condition = condition;
        this.pubsubCondition = pubsubCondition;
        this.feature = feature;
    }

    /** {@code feature-not-implemented} with {@code <unsupported feature='...'/>}. */
    public static PubsubException unsupported(String feature) {
        return new PubsubException(StanzaError.Condition.FEATURE_NOT_IMPLEMENTED, "unsupported", feature,
                "not supported: " + feature);
    }

    public static PubsubException badRequest(String pubsubCondition, String text) {
        return new PubsubException(StanzaError.Condition.BAD_REQUEST, pubsubCondition, text);
    }

    public static PubsubException of(StanzaError.Condition condition, String text) {
        return new PubsubException(condition, null, text);
    }

    public StanzaError.Condition condition() {
        return condition;
    }

    public String pubsubCondition() {
        return pubsubCondition;
    }

    /**
     * The error reply to {@code iq}, without the request's payload (RFC 6120 8.3.1 leaves it
     * optional; an item echoed back can be large, and some clients trip over it).
     */
    public Element reply(Stanza iq) {
        Element reply = iq.errorReply(StanzaError.of(condition, getMessage()));
        Element appCondition = pubsubCondition == null ? null
                : Element.builder(pubsubCondition, Pubsub.ERRORS).attribute("feature", feature).build();
        return reply.withChildren(reply.children().stream()
                .filter(n -> n instanceof Element e && e.name().equals("error"))
                .map(n -> appCondition == null ? n : ((Element) n).withChild(appCondition))
                .toList());
    }
}
