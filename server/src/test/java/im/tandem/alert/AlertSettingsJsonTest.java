package im.tandem.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading settings from JSON: partial changes, the schedule's defaults, and every kind of bad value refused by field. */
class AlertSettingsJsonTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AlertSettings DEFAULTS = new AlertSettings(true, 80, Duration.ofMinutes(10), Duration.ofMinutes(10), null);

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void aChangeKeepsTheFieldsItDoesNotGive() {
        AlertSettings changed = AlertSettingsJson.merge(DEFAULTS, json("{\"thresholdPercent\": 90, \"frequency\": \"PT1H\"}"));
        assertThat(changed).isEqualTo(new AlertSettings(true, 90, Duration.ofMinutes(10), Duration.ofHours(1), null));
        assertThat(AlertSettingsJson.merge(changed, json("{}"))).isEqualTo(changed);
    }

    @Test
    void aScheduleDefaultsToEveryDayAllDayInUtcAndNullRemovesIt() {
        AlertSettings s = AlertSettingsJson.merge(DEFAULTS, json("{\"schedule\": {\"start\": \"22:00\", \"end\": \"06:00\"}}"));
        assertThat(s.schedule()).isEqualTo(new AlertSchedule(EnumSet.allOf(DayOfWeek.class), LocalTime.of(22, 0),
                LocalTime.of(6, 0), ZoneOffset.UTC));
        assertThat(AlertSettingsJson.merge(s, json("{\"schedule\": null}")).schedule()).isNull();
        AlertSettings days = AlertSettingsJson.merge(DEFAULTS,
                json("{\"schedule\": {\"days\": [\"friday\", \"MONDAY\"], \"zone\": \"Europe/Berlin\"}}"));
        assertThat(days.schedule().days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThat(days.schedule().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void writtenSettingsReadBackTheSame() {
        AlertSettings s = new AlertSettings(false, 65, Duration.ofSeconds(90), Duration.ofMinutes(2),
                new AlertSchedule(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.MONDAY), LocalTime.of(7, 30),
                        LocalTime.of(19, 0), ZoneId.of("Asia/Shanghai")));
        Map<String, Object> map = AlertSettingsJson.toMap(s);
        assertThat(map).containsEntry("sustain", "PT1M30S").containsEntry("frequency", "PT2M");
        assertThat(((Map<?, ?>) map.get("schedule")).get("days")).isEqualTo(java.util.List.of("MONDAY", "SATURDAY"));
        assertThat(AlertSettingsJson.merge(DEFAULTS, JSON.valueToTree(map))).isEqualTo(s);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"thresholdPercent\": 0}                      | thresholdPercent",
            "{\"thresholdPercent\": 101}                    | thresholdPercent",
            "{\"thresholdPercent\": -5}                     | thresholdPercent",
            "{\"thresholdPercent\": 80.5}                   | thresholdPercent",
            "{\"thresholdPercent\": \"80\"}                 | thresholdPercent",
            "{\"thresholdPercent\": 99999999999}            | thresholdPercent",
            "{\"thresholdPercent\": null}                   | thresholdPercent",
            "{\"enabled\": \"yes\"}                         | enabled",
            "{\"enabled\": 1}                               | enabled",
            "{\"sustain\": \"-PT5M\"}                       | sustain",
            "{\"sustain\": \"PT-1S\"}                       | sustain",
            "{\"sustain\": \"P8D\"}                         | sustain",
            "{\"sustain\": \"10 minutes\"}                  | sustain",
            "{\"sustain\": 600}                             | sustain",
            "{\"frequency\": \"PT0S\"}                      | frequency",
            "{\"frequency\": \"-PT10M\"}                    | frequency",
            "{\"frequency\": \"PT0.5S\"}                    | frequency",
            "{\"frequency\": [\"PT10M\"]}                   | frequency",
            "{\"schedule\": \"weekdays\"}                   | schedule",
            "{\"schedule\": []}                             | schedule",
            "{\"schedule\": {\"days\": []}}                 | schedule.days",
            "{\"schedule\": {\"days\": \"MONDAY\"}}         | schedule.days",
            "{\"schedule\": {\"days\": [\"Funday\"]}}       | schedule.days",
            "{\"schedule\": {\"days\": [1]}}                | schedule.days",
            "{\"schedule\": {\"start\": \"25:00\"}}         | schedule.start",
            "{\"schedule\": {\"start\": 8}}                 | schedule.start",
            "{\"schedule\": {\"end\": \"6pm\"}}             | schedule.end",
            "{\"schedule\": {\"zone\": \"Mars/Olympus\"}}   | schedule.zone",
            "{\"schedule\": {\"zone\": \"\"}}               | schedule.zone",
            "{\"schedule\": {\"hours\": \"9-5\"}}           | schedule.hours",
            "{\"threshold\": 90}                            | threshold",
            "[]                                             | (body)",
            "42                                             | (body)",
    })
    void badValuesAreRefusedNamingTheField(String body, String field) {
        assertThatThrownBy(() -> AlertSettingsJson.merge(DEFAULTS, json(body)))
                .isInstanceOfSatisfying(InvalidAlertSettings.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
