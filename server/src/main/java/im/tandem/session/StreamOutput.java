package im.tandem.session;

import im.tandem.stanza.StreamError;
import im.tandem.xml.Element;

/** Where a session's outbound stanzas go: the client connection that owns the session. */
public interface StreamOutput {

    /** Queues a stanza for writing; never blocks. A stream whose queue is full is closed. */
    void send(Element stanza);

    /** Sends the stream error, closes the stream and the connection. */
    void close(StreamError error);

    boolean isOpen();
}
