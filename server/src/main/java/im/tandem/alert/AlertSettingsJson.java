package im.tandem.alert;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Alert settings as JSON, the same shape in the REST API and in the stored service parameter:
 * <pre>{@code
 * {"enabled": true, "thresholdPercent": 80, "sustain": "PT10M", "frequency": "PT10M",
 *  "schedule": {"days": ["MONDAY", "FRIDAY"], "start": "08:00", "end": "18:00", "zone": "Europe/Berlin"}}
 * }</pre>
 * Durations are ISO-8601. {@code schedule} {@code null} means always; inside it {@code days}
 * defaults to every day, {@code start} and {@code end} to 00:00 (the whole day), {@code zone}
 * to UTC. Reading is strict: a field of the wrong JSON type, an unknown field or a value out of
 * range is refused with the field's name, and nothing is applied.
 */
public final class AlertSettingsJson {

    private static final Set<String> FIELDS = Set.of("enabled", "thresholdPercent", "sustain", "frequency", "schedule");
    private static final Set<String> SCHEDULE_FIELDS = Set.of("days", "start", "end", "zone");

    private AlertSettingsJson() {
    }

    /** {@code current} with the fields present in {@code body} changed; absent fields stay as they are. */
    public static AlertSettings merge(AlertSettings current, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidAlertSettings("(body)", "must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new InvalidAlertSettings(name, "is not an alert setting (known: " + String.join(", ", sorted(FIELDS)) + ")");
            }
        }
        boolean enabled = body.has("enabled") ? bool(body.get("enabled"), "enabled") : current.enabled();
        int threshold = body.has("thresholdPercent") ? percent(body.get("thresholdPercent")) : current.thresholdPercent();
        Duration sustain = body.has("sustain") ? duration(body.get("sustain"), "sustain") : current.sustain();
        Duration frequency = body.has("frequency") ? duration(body.get("frequency"), "frequency") : current.frequency();
        AlertSchedule schedule = body.has("schedule") ? schedule(body.get("schedule")) : current.schedule();
        return new AlertSettings(enabled, threshold, sustain, frequency, schedule);
    }

    /** The settings as a JSON-ready map (durations and times as ISO-8601 strings, days in week order). */
    public static Map<String, Object> toMap(AlertSettings settings) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("enabled", settings.enabled());
        map.put("thresholdPercent", settings.thresholdPercent());
        map.put("sustain", settings.sustain().toString());
        map.put("frequency", settings.frequency().toString());
        AlertSchedule schedule = settings.schedule();
        if (schedule == null) {
            map.put("schedule", null);
        } else {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("days", EnumSet.copyOf(schedule.days()).stream().map(DayOfWeek::name).toList());
            s.put("start", schedule.start().toString());
            s.put("end", schedule.end().toString());
            s.put("zone", schedule.zone().getId());
            map.put("schedule", s);
        }
        return map;
    }

    private static boolean bool(JsonNode node, String field) {
        if (!node.isBoolean()) {
            throw new InvalidAlertSettings(field, "must be true or false");
        }
        return node.booleanValue();
    }

    private static int percent(JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidAlertSettings("thresholdPercent", "must be a whole number from 1 to 100");
        }
        int value = node.intValue();
        if (value < 1 || value > 100) {
            throw new InvalidAlertSettings("thresholdPercent", "must be a whole number from 1 to 100, not " + value);
        }
        return value;
    }

    private static Duration duration(JsonNode node, String field) {
        if (!node.isString()) {
            throw new InvalidAlertSettings(field, "must be an ISO-8601 duration string such as \"PT10M\"");
        }
        try {
            return Duration.parse(node.stringValue());
        } catch (DateTimeParseException e) {
            throw new InvalidAlertSettings(field, "is not an ISO-8601 duration such as \"PT10M\"");
        }
    }

    private static AlertSchedule schedule(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidAlertSettings("schedule", "must be an object with days, start, end and zone, or null");
        }
        for (String name : node.propertyNames()) {
            if (!SCHEDULE_FIELDS.contains(name)) {
                throw new InvalidAlertSettings("schedule." + name,
                        "is not a schedule field (known: " + String.join(", ", sorted(SCHEDULE_FIELDS)) + ")");
            }
        }
        Set<DayOfWeek> days = node.has("days") ? days(node.get("days")) : EnumSet.allOf(DayOfWeek.class);
        LocalTime start = node.has("start") ? time(node.get("start"), "schedule.start") : LocalTime.MIDNIGHT;
        LocalTime end = node.has("end") ? time(node.get("end"), "schedule.end") : LocalTime.MIDNIGHT;
        ZoneId zone = node.has("zone") ? zone(node.get("zone")) : ZoneOffset.UTC;
        return new AlertSchedule(days, start, end, zone);
    }

    private static Set<DayOfWeek> days(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidAlertSettings("schedule.days", "must be a non-empty array of days such as \"MONDAY\"");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (JsonNode day : node.values()) {
            if (!day.isString()) {
                throw new InvalidAlertSettings("schedule.days", "must hold day names such as \"MONDAY\"");
            }
            try {
                days.add(DayOfWeek.valueOf(day.stringValue().trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidAlertSettings("schedule.days", "holds a name that is not a day of the week (MONDAY to SUNDAY)");
            }
        }
        return days;
    }

    private static LocalTime time(JsonNode node, String field) {
        if (!node.isString()) {
            throw new InvalidAlertSettings(field, "must be a time string such as \"08:00\"");
        }
        try {
            return LocalTime.parse(node.stringValue());
        } catch (DateTimeParseException e) {
            throw new InvalidAlertSettings(field, "is not a time such as \"08:00\"");
        }
    }

    private static ZoneId zone(JsonNode node) {
        if (!node.isString()) {
            throw new InvalidAlertSettings("schedule.zone", "must be a time zone string such as \"Europe/Berlin\"");
        }
        try {
            return ZoneId.of(node.stringValue());
        } catch (DateTimeException e) {
            throw new InvalidAlertSettings("schedule.zone", "is not a time zone such as \"Europe/Berlin\" or \"UTC\"");
        }
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
