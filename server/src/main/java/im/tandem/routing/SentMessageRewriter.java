package im.tandem.routing;

import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;

/**
 * Sees each message a local session sends before anything else does (delivery, carbon copies,
 * archive), and may take out what is meant for the server alone: XEP-0490 server-assisted
 * displayed synchronization strips its element and acts on it.
 */
public interface SentMessageRewriter {

    /** The message to route on: {@code message} itself when there is nothing to take out. Must not block. */
    Stanza rewrite(Stanza message, ClientSession sender);
}
