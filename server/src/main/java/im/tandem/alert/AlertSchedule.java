package im.tandem.alert;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * When the alert may be raised: on the given days, from {@code start} to {@code end} local time
 * in {@code zone}. A window whose end is before its start runs across midnight: it opens on a
 * listed day at {@code start} and closes the next day at {@code end} (22:00 to 06:00 on Friday
 * covers Friday night until Saturday 06:00). Equal start and end mean the whole day.
 *
 * @param days  the days a window opens on; not empty
 * @param start when the window opens (inclusive)
 * @param end   when it closes (exclusive)
 * @param zone  the time zone of the days and times
 */
public record AlertSchedule(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {

    public AlertSchedule {
        if (days == null || days.isEmpty()) {
            throw new InvalidAlertSettings("schedule.days", "give at least one day");
        }
        if (start == null) {
            throw new InvalidAlertSettings("schedule.start", "is required");
        }
        if (end == null) {
            throw new InvalidAlertSettings("schedule.end", "is required");
        }
        if (zone == null) {
            throw new InvalidAlertSettings("schedule.zone", "is required");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /** Whether {@code instant} falls inside a window of this schedule. */
    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        DayOfWeek day = local.getDayOfWeek();
        LocalTime time = local.toLocalTime();
        if (start.equals(end)) {
            return days.contains(day);
        }
        if (start.isBefore(end)) {
            return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
        }
        return days.contains(day) && !time.isBefore(start) || days.contains(day.minus(1)) && time.isBefore(end);
    }
}
