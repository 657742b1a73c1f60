package im.tandem.alert;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The newest alert events, in memory: at most {@link #CAPACITY} (1000); older ones are dropped.
 * The history does not survive a restart (the log and the webhook receiver keep it longer).
 */
public final class AlertHistory {

    /** How many events are kept. */
    public static final int CAPACITY = 1000;

    private final int capacity;
    private final ArrayDeque<AlertEvent> events;

    public AlertHistory() {
        this(CAPACITY);
    }

    AlertHistory(int capacity) {
        this.capacity = capacity;
        this.events = new ArrayDeque<>(capacity);
    }

    public synchronized void add(AlertEvent event) {
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    /** Up to {@code limit} events, newest first. */
    public synchronized List<AlertEvent> newestFirst(int limit) {
        List<AlertEvent> list = new ArrayList<>(Math.min(limit, events.size()));
        for (Iterator<AlertEvent> it = events.descendingIterator(); it.hasNext() && list.size() < limit; ) {
            list.add(it.next());
        }
        return list;
    }

    public synchronized int size() {
        return events.size();
    }
}
