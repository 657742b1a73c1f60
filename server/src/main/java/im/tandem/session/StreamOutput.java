package im.tandem.session;

import im.tandem.stanza.StreamError;
import im.tandem.xml.Element;
import java.util.List;

/**
 * Where a session's outbound stanzas go: the client connection that owns the session, or,
 * once the client enabled stream management (XEP-0198), the managed stream that outlives
 * one connection.
 */
public interface StreamOutput {

    /** Queues a stanza for writing; never blocks. A stream whose queue is full is closed. */
    void send(Element stanza);

    /**
     * Queues one copy of a one-to-one message; {@code copies} are the user's other sessions that
     * got the same message (an output that may later have to give the stanza up uses them).
     */
    default void send(Element stanza, List<ClientSession> copies) {
        send(stanza);
    }

    /** Sends the stream error, closes the stream and the connection. */
    void close(StreamError error);

    boolean isOpen();
}
