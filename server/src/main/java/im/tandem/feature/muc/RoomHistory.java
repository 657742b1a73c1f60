package im.tandem.feature.muc;

import im.tandem.stanza.Jid;
import im.tandem.xml.Element;
import java.time.Instant;
import java.util.List;

/**
 * What a room remembers of its discussion for newcomers (XEP-0045 section 7.2.15). The service
 * keeps it in memory ({@link MemoryRoomHistory}); a room archive (XEP-0313 on the room's JID)
 * replaces it by being a Spring bean of this type, and then also serves the history on join.
 */
public interface RoomHistory {

    /** One message as broadcast: {@code message} is from {@code room/nick}, without a {@code to}. */
    record Entry(Element message, Instant at, int chars) {
    }

    /**
     * Which part of the history a newcomer asked for ({@code <history/>}); any limit may be
     * absent (negative, or null for {@code since}).
     */
    record Request(int maxChars, int maxStanzas, long seconds, Instant since) {
        public static final Request ALL = new Request(-1, -1, -1, null);
    }

    /** A groupchat message was broadcast; the room keeps at most {@code keep} messages. */
    void append(Jid room, Entry entry, int keep);

    /** The most recent messages within the request's limits, oldest first. */
    List<Entry> recent(Jid room, Request request);

    /** The room is gone (destroyed, or temporary and empty). */
    void clear(Jid room);
}
