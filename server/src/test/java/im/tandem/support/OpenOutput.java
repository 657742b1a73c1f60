package im.tandem.support;

import im.tandem.session.StreamOutput;
import im.tandem.stanza.StreamError;
import im.tandem.xml.Element;

/** A session output that is always open and discards what it is sent: for sessions built without a connection. */
public final class OpenOutput implements StreamOutput {

    public static final OpenOutput INSTANCE = new OpenOutput();

    private OpenOutput() {
    }

    @Override
    public void send(Element stanza) {
    }

    @Override
    public void close(StreamError error) {
    }

    @Override
    public boolean isOpen() {
        return true;
    }
}
