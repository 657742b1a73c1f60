package im.tandem.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Schedule windows as a table: same-day windows, windows across midnight, whole days, time zones. */
class AlertScheduleTest {

    static final AlertSchedule WEEKDAY_OFFICE = new AlertSchedule(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(18, 0), ZoneOffset.UTC);
    static final AlertSchedule FRIDAY_NIGHT_BERLIN = new AlertSchedule(
            Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 0), ZoneId.of("Europe/Berlin"));
    static final AlertSchedule SUNDAYS = new AlertSchedule(
            Set.of(DayOfWeek.SUNDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneOffset.UTC);

    // 2025-01-10 is a Friday; Berlin is UTC+1 in January
    @ParameterizedTest(name = "{0}: office {1}, Friday night {2}, Sundays {3}")
    @CsvSource({
            "2025-01-10T07:59:59Z, false, false, false",
            "2025-01-10T08:00:00Z, true,  false, false",
            "2025-01-10T17:59:59Z, true,  false, false",
            "2025-01-10T18:00:00Z, false, false, false",
            "2025-01-10T20:59:59Z, false, false, false", // 21:59:59 Berlin
            "2025-01-10T21:00:00Z, false, true,  false", // 22:00 Berlin
            "2025-01-10T23:30:00Z, false, true,  false", // Saturday 00:30 Berlin, the window still open
            "2025-01-11T04:59:59Z, false, true,  false", // Saturday 05:59:59 Berlin
            "2025-01-11T05:00:00Z, false, false, false", // Saturday 06:00 Berlin: closed
            "2025-01-11T21:30:00Z, false, false, false", // Saturday 22:30 Berlin: Saturday opens no window
            "2025-01-09T22:00:00Z, false, false, false", // Thursday 23:00 Berlin: only Friday opens the night window
            "2025-01-12T00:00:00Z, false, false, true",
            "2025-01-12T23:59:59Z, false, false, true",
            "2025-01-13T00:00:00Z, false, false, false",
            "2025-01-13T09:00:00Z, true,  false, false",
    })
    void windows(Instant instant, boolean office, boolean fridayNight, boolean sundays) {
        assertThat(WEEKDAY_OFFICE.contains(instant)).as("office hours").isEqualTo(office);
        assertThat(FRIDAY_NIGHT_BERLIN.contains(instant)).as("Friday night in Berlin").isEqualTo(fridayNight);
        assertThat(SUNDAYS.contains(instant)).as("Sundays").isEqualTo(sundays);
    }

    @Test
    void aScheduleNeedsADayATimeAndAZone() {
        assertThatThrownBy(() -> new AlertSchedule(Set.of(), LocalTime.NOON, LocalTime.MIDNIGHT, ZoneOffset.UTC))
                .isInstanceOf(InvalidAlertSettings.class).hasMessageStartingWith("schedule.days");
        assertThatThrownBy(() -> new AlertSchedule(Set.of(DayOfWeek.MONDAY), null, LocalTime.MIDNIGHT, ZoneOffset.UTC))
                .isInstanceOf(InvalidAlertSettings.class).hasMessageStartingWith("schedule.start");
        assertThatThrownBy(() -> new AlertSchedule(Set.of(DayOfWeek.MONDAY), LocalTime.NOON, LocalTime.MIDNIGHT, null))
                .isInstanceOf(InvalidAlertSettings.class).hasMessageStartingWith("schedule.zone");
    }
}
