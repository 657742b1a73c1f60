package im.tandem.mdm;

import im.tandem.session.ClientSession;
import im.tandem.xml.Element;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The stanzas held for one session in quiet mode, in arrival order, bounded in count and
 * bytes by its owner. Not thread-safe: {@link QuietMode} works on it under its monitor.
 * Presence from one sender replaces that sender's earlier held presence (the latest wins).
 */
final class QuietModeBuffer {

    /** A held stanza: when the server received it, its serialized size, and who else got a copy. */
    record Held(Element stanza, Instant receivedAt, int bytes, List<ClientSession> copies) {
    }

    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private long bytes;
    /** Set once the buffer is given up (session active again, or closed): offers then go straight through. */
    boolean closed;

    void add(Held entry) {
        held.addLast(entry);
        bytes += entry.bytes();
    }

    /** Removes the held presence from {@code from}, if any; returns the bytes it freed. */
    int removePresenceFrom(String from) {
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.stanza().name().equals("presence") && from != null && from.equals(h.stanza().attribute("from"))) {
                it.remove();
                bytes -= h.bytes();
                return h.bytes();
            }
        }
        return 0;
    }

    /** Takes everything held, oldest first, leaving the buffer empty. */
    List<Held> drain() {
        List<Held> all = new ArrayList<>(held);
        held.clear();
        bytes = 0;
        return all;
    }

    int size() {
        return held.size();
    }

    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /** When the oldest held stanza arrived, or null when empty. */
    Instant oldest() {
        Held first = held.peekFirst();
        return first == null ? null : first.receivedAt();
    }
}
