package im.tandem.routing;

import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;

/**
 * Told of one-to-one messages a local user receives or sends, beside the user's own sessions:
 * a hybrid session (SPEC section 4) takes its copy here, like one more device.
 */
public interface DeliveryTap {

    /** {@code message} (from and to set) is being delivered to a local user. */
    default void received(Stanza message) {
    }

    /** A local user's session {@code sender} sent {@code message} (from and to set). */
    default void sent(Stanza message, ClientSession sender) {
    }
}
