package im.tandem.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs, with defaults; unknown names are an error so typos do not pass silently. */
final class Args {

    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> used = new HashMap<>();

    Args(String[] argv, int from) {
        for (int i = from; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("expected --name value, got " + a);
            }
            values.put(a.substring(2), argv[++i]);
        }
    }

    String get(String name, String fallback) {
        String v = values.getOrDefault(name, fallback);
        used.put(name, v);
        return v;
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(get(name, String.valueOf(fallback)));
    }

    double decimal(String name, double fallback) {
        return Double.parseDouble(get(name, String.valueOf(fallback)));
    }

    boolean flag(String name, boolean fallback) {
        return Boolean.parseBoolean(get(name, String.valueOf(fallback)));
    }

    /** {@code 30s}, {@code 2m}, {@code 500ms}. */
    Duration duration(String name, String fallback) {
        String v = get(name, fallback).trim();
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> throw new IllegalArgumentException("duration like 30s, 2m or 500ms: " + v);
        };
    }

    /** Fails on any argument no scenario asked for. */
    void checkAllUsed() {
        for (String name : values.keySet()) {
            if (!used.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
    }

    /** The options as the scenario saw them (for the result file). */
    Map<String, String> effective() {
        return Map.copyOf(used);
    }
}
