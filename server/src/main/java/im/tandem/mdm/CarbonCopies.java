package im.tandem.mdm;

import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;

/**
 * Which messages are copied and how the copies look (XEP-0280 sections 6 and 7, XEP-0297).
 * Pure functions over elements, no state.
 */
public final class CarbonCopies {

    public static final String NAMESPACE = "urn:xmpp:carbons:2";
    public static final String FORWARD = "urn:xmpp:forward:0";
    static final String HINTS = "urn:xmpp:hints";
    static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    static final String RECEIPTS = "urn:xmpp:receipts";
    static final String MARKERS = "urn:xmpp:chat-markers:0";
    static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";

    /** Direction of a copy: a message one of the user's sessions sent, or one the user received. */
    public enum Direction {
        SENT("sent"), RECEIVED("received");

        final String element;

        Direction(String element) {
            this.element = element;
        }
    }

    private CarbonCopies() {
    }

    /**
     * Whether a message is copied to the user's other carbons-enabled sessions: not marked
     * private or no-copy, not itself a copy, not group chat, headline or error, not a private
     * message from a room to the joined session; and of type chat, or normal with a body, or
     * carrying receipts, chat markers or chat states (read state and typing follow the user).
     */
    public static boolean eligible(Element message, Direction direction) {
        if (message.child("private", NAMESPACE) != null || message.child("no-copy", HINTS) != null
                || isCarbon(message)) {
            return false;
        }
        String type = typeOf(message);
        switch (type) {
            case "groupchat", "headline", "error" -> {
                return false;
            }
            default -> {
            }
        }
        // XEP-0280 section 6: a private message from a room reaches only the joined session
        if (direction == Direction.RECEIVED && message.child("x", MUC_USER) != null) {
            return false;
        }
        if ("chat".equals(type) || message.child("body", Stanza.CLIENT_NAMESPACE) != null) {
            return true;
        }
        for (Element child : message.elements()) {
            String ns = child.namespace();
            if (ns.equals(RECEIPTS) || ns.equals(MARKERS) || ns.equals(CHAT_STATES)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the message carries a carbon wrapper: from a client that is always a forgery. */
    public static boolean isCarbon(Element message) {
        return message.child("sent", NAMESPACE) != null || message.child("received", NAMESPACE) != null;
    }

    /** The copy of {@code original} for the user's session {@code to}. */
    public static Element wrap(Element original, Direction direction, Jid to) {
        return Element.builder("message", Stanza.CLIENT_NAMESPACE)
                .attribute("from", to.bare().toString())
                .attribute("to", to.toString())
                .attribute("type", typeOf(original))
                .child(Element.builder(direction.element, NAMESPACE)
                        .child(Element.builder("forwarded", FORWARD).child(original).build())
                        .build())
                .build();
    }

    /** The message inside a carbon wrapper of that direction, or null if it is not one. */
    public static Element unwrap(Element message, Direction direction) {
        Element wrapper = message.child(direction.element, NAMESPACE);
        Element forwarded = wrapper == null ? null : wrapper.child("forwarded", FORWARD);
        return forwarded == null ? null : forwarded.child("message", Stanza.CLIENT_NAMESPACE);
    }

    /** An instant message: it has a body (directly, or inside a carbon wrapper). */
    public static boolean hasBody(Element message) {
        if (message.child("body", Stanza.CLIENT_NAMESPACE) != null) {
            return true;
        }
        for (Direction d : Direction.values()) {
            Element inner = unwrap(message, d);
            if (inner != null && inner.child("body", Stanza.CLIENT_NAMESPACE) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * A standalone chat state (XEP-0085 section 5.5): a message whose only content is a chat
     * state, with at most a thread and hints beside it, directly or inside a carbon wrapper.
     */
    public static boolean isStandaloneChatState(Element message) {
        Element content = message;
        for (Direction d : Direction.values()) {
            Element inner = unwrap(message, d);
            if (inner != null) {
                content = inner;
            }
        }
        boolean chatState = false;
        for (Element child : content.elements()) {
            String ns = child.namespace();
            if (ns.equals(CHAT_STATES)) {
                chatState = true;
            } else if (!ns.equals(HINTS) && !(ns.equals(Stanza.CLIENT_NAMESPACE) && child.name().equals("thread"))
                    && !ns.equals(im.tandem.stanza.Delay.NAMESPACE)) {
                return false;
            }
        }
        return chatState;
    }

    private static String typeOf(Element message) {
        String type = message.attribute("type");
        return type == null ? "normal" : type;
    }
}
