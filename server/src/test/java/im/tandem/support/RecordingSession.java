package im.tandem.support;

import im.tandem.session.ClientSession;
import im.tandem.session.StreamOutput;
import im.tandem.stanza.Jid;
import im.tandem.stanza.StreamError;
import im.tandem.xml.Element;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stream output that records what a session was sent, for unit tests of features; it can
 * be made to close after a number of stanzas, like a client that goes away mid-delivery.
 */
public final class RecordingSession implements StreamOutput {

    private final List<Element> sent = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;
    private volatile int closeAfter = Integer.MAX_VALUE;

    /** A session for {@code fullJid} writing into a new recording output. */
    public static ClientSession session(String fullJid, RecordingSession output) {
        return new ClientSession("s-" + fullJid, Jid.parse(fullJid), output,
                new InetSocketAddress("127.0.0.1", 5222), true, Instant.now());
    }

    public List<Element> sent() {
        return sent;
    }

    /** The stream closes once this many stanzas were sent. */
    public void closeAfter(int stanzas) {
        this.closeAfter = stanzas;
    }

    @Override
    public void send(Element stanza) {
        if (open) {
            sent.add(stanza);
            if (sent.size() >= closeAfter) {
                open = false;
            }
        }
    }

    @Override
    public void close(StreamError error) {
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
