package im.tandem.feature.pubsub;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last item of each node that does not persist items ({@code pubsub#persist_items=0}),
 * in memory only, within a byte budget for all nodes together: the least recently published
 * goes first when the budget is spent.
 */
final class TransientItems {

    private record Entry(PubsubItem item, long bytes) {
    }

    private final long budget;
    private final Map<String, Entry> items = new LinkedHashMap<>(16, 0.75f, false);
    private long used;

    TransientItems(long budget) {
        this.budget = budget;
    }

    synchronized void put(String service, String node, PubsubItem item, String serialized) {
        remove(service, node);
        long bytes = serialized.getBytes(StandardCharsets.UTF_8).length + 256L;
        if (bytes > budget) {
            return;
        }
        items.put(key(service, node), new Entry(item, bytes));
        used += bytes;
        Iterator<Entry> oldest = items.values().iterator();
        while (used > budget && oldest.hasNext()) {
            used -= oldest.next().bytes();
            oldest.remove();
        }
    }

    synchronized PubsubItem get(String service, String node) {
        Entry e = items.get(key(service, node));
        return e == null ? null : e.item();
    }

    synchronized void remove(String service, String node) {
        Entry e = items.remove(key(service, node));
        if (e != null) {
            used -= e.bytes();
        }
    }

    private static String key(String service, String node) {
        return service + '\n' + node;
    }
}
