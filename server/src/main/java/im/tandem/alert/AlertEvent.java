package im.tandem.alert;

import im.tandem.session.SessionCounts;
import java.time.Instant;

/**
 * One raise or clear of an alert, with what an operator needs to act on it.
 *
 * @param alert             the alert's name, {@code JSMSessionsExceedsThreshold}
 * @param status            raised (also every repeat) or cleared
 * @param severity          the alert's severity, {@code warning}
 * @param time              when this event happened
 * @param since             when the alert was first raised in this episode
 * @param repeat            0 for the first raise of an episode, then 1, 2, ... for the repeats; on a clear, the last one
 * @param node              the node's name
 * @param sessions          the node's sessions by kind and its limit
 * @param loadPercent       client, phantom and hybrid sessions over the limit, in percent
 * @param thresholdPercent  the threshold in force
 * @param resources         heap and CPU use of the node's process
 * @param reason            why: the load against the threshold, or why a clear happened otherwise
 * @param recommendedAction what to do about it
 */
public record AlertEvent(String alert, Status status, String severity, Instant time, Instant since, int repeat,
                         String node, SessionCounts sessions, double loadPercent, int thresholdPercent,
                         ResourceUsage resources, String reason, String recommendedAction) {

    /** Whether an event raises or clears its alert. */
    public enum Status { RAISED, CLEARED }
}
