package im.tandem.alert;

import java.time.Duration;

/**
 * The settings of the JSMSessionsExceedsThreshold alert (the seed's RTMT "set alert/properties"
 * dialog): valid by construction.
 *
 * @param enabled          whether the alert is raised at all; disabling it while raised clears it
 * @param thresholdPercent the load to stay above, 1 to 100 percent of the node's session limit
 * @param sustain          how long the load must stay above before the first raise, 0 to {@link #MAX_DURATION}
 * @param frequency        how often it is raised again while the load stays above, {@link #MIN_FREQUENCY} to {@link #MAX_DURATION}
 * @param schedule         when the alert may be raised; {@code null}: always
 */
public record AlertSettings(boolean enabled, int thresholdPercent, Duration sustain, Duration frequency,
                            AlertSchedule schedule) {

    /** Longest sustain time and frequency accepted. */
    public static final Duration MAX_DURATION = Duration.ofDays(7);
    /** Shortest frequency accepted: a repeat every evaluation would flood the receivers. */
    public static final Duration MIN_FREQUENCY = Duration.ofSeconds(1);

    public AlertSettings {
        if (thresholdPercent < 1 || thresholdPercent > 100) {
            throw new InvalidAlertSettings("thresholdPercent", "must be a whole number from 1 to 100");
        }
        if (sustain == null || sustain.isNegative() || sustain.compareTo(MAX_DURATION) > 0) {
            throw new InvalidAlertSettings("sustain", "must be a duration from PT0S to " + MAX_DURATION);
        }
        if (frequency == null || frequency.compareTo(MIN_FREQUENCY) < 0 || frequency.compareTo(MAX_DURATION) > 0) {
            throw new InvalidAlertSettings("frequency", "must be a duration from " + MIN_FREQUENCY + " to " + MAX_DURATION);
        }
    }

    public AlertSettings withEnabled(boolean value) {
        return new AlertSettings(value, thresholdPercent, sustain, frequency, schedule);
    }

    public AlertSettings withThresholdPercent(int value) {
        return new AlertSettings(enabled, value, sustain, frequency, schedule);
    }

    public AlertSettings withSchedule(AlertSchedule value) {
        return new AlertSettings(enabled, thresholdPercent, sustain, frequency, value);
    }
}
