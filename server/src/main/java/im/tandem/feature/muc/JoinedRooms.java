package im.tandem.feature.muc;

import im.tandem.stanza.Jid;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The rooms one client session is in, kept on the session so that its end takes it out of them. */
final class JoinedRooms {

    private final Set<Jid> rooms = ConcurrentHashMap.newKeySet();

    /** Adds a room unless the session is already in {@code max} others; false when it is. */
    boolean add(Jid room, int max) {
        if (rooms.contains(room)) {
            return true;
        }
        if (rooms.size() >= max) {
            return false;
        }
        return rooms.add(room) || true;
    }

    boolean contains(Jid room) {
        return rooms.contains(room);
    }

    void remove(Jid room) {
        rooms.remove(room);
    }

    List<Jid> rooms() {
        return List.copyOf(rooms);
    }
}
