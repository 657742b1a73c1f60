package im.tandem.feature.muc;

import im.tandem.stanza.Jid;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The rooms' recent messages in memory, bounded per room by the room's history length. */
public final class MemoryRoomHistory implements RoomHistory {

    private final ConcurrentMap<Jid, Deque<Entry>> rooms = new ConcurrentHashMap<>();

    @Override
    public void append(Jid room, Entry entry, int keep) {
        if (keep <= 0) {
            rooms.remove(room);
            return;
        }
        Deque<Entry> entries = rooms.computeIfAbsent(room, r -> new ArrayDeque<>());
        synchronized (entries) {
            entries.addLast(entry);
            while (entries.size() > keep) {
                entries.removeFirst();
            }
        }
    }

    @Override
    public List<Entry> recent(Jid room, Request request) {
        Deque<Entry> entries = rooms.get(room);
        if (entries == null || request.maxStanzas() == 0 || request.maxChars() == 0) {
            return List.of();
        }
        Instant after = request.since();
        if (request.seconds() >= 0) {
            Instant bySeconds = Instant.now().minusSeconds(request.seconds());
            after = after == null || bySeconds.isAfter(after) ? bySeconds : after;
        }
        List<Entry> picked = new ArrayList<>();
        long chars = 0;
        synchronized (entries) {
            for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (after != null && !e.at().isAfter(after)) {
                    break;
                }
                if (request.maxStanzas() >= 0 && picked.size() >= request.maxStanzas()) {
                    break;
                }
                chars += e.chars();
                if (request.maxChars() >= 0 && chars > request.maxChars()) {
                    break;
                }
                picked.add(e);
            }
        }
        Collections.reverse(picked);
        return picked;
    }

    @Override
    public void clear(Jid room) {
        rooms.remove(room);
    }
}
