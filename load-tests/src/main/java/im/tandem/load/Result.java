package im.tandem.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one scenario: named figures in order, printed as a table and written as
 * JSON. Latencies come from HdrHistogram histograms in microseconds.
 */
final class Result {

    private final String scenario;
    private final Map<String, String> options;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<Map<String, Object>> steps = new ArrayList<>();

    Result(String scenario, Map<String, String> options) {
        this.scenario = scenario;
        this.options = options;
    }

    Result put(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    /** A row of a stepped scenario (one rate). */
    Result step(Map<String, Object> row) {
        steps.add(row);
        return this;
    }

    /** p50, p99, p999 and max of a histogram in milliseconds, under {@code prefix}. */
    static Map<String, Object> latency(String prefix, Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(prefix + "_count", h.getTotalCount());
        m.put(prefix + "_p50_ms", ms(h.getValueAtPercentile(50)));
        m.put(prefix + "_p99_ms", ms(h.getValueAtPercentile(99)));
        m.put(prefix + "_p999_ms", ms(h.getValueAtPercentile(99.9)));
        m.put(prefix + "_max_ms", ms(h.getMaxValue()));
        return m;
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    String table() {
        StringBuilder sb = new StringBuilder("== ").append(scenario).append(" ==\n");
        figures.forEach((k, v) -> sb.append(String.format("  %-32s %s%n", k, v)));
        if (!steps.isEmpty()) {
            List<String> columns = new ArrayList<>(steps.get(0).keySet());
            sb.append("  | ").append(String.join(" | ", columns)).append(" |\n  |");
            columns.forEach(c -> sb.append(" --- |"));
            sb.append('\n');
            for (Map<String, Object> row : steps) {
                sb.append("  |");
                for (String c : columns) {
                    sb.append(' ').append(row.get(c)).append(" |");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    String json() {
        StringBuilder sb = new StringBuilder("{\"scenario\":").append(quote(scenario)).append(",\"options\":{");
        appendMap(sb, new LinkedHashMap<>(options));
        sb.append("},\"figures\":{");
        appendMap(sb, figures);
        sb.append("},\"steps\":[");
        for (int i = 0; i < steps.size(); i++) {
            sb.append(i == 0 ? "{" : ",{");
            appendMap(sb, steps.get(i));
            sb.append('}');
        }
        return sb.append("]}").toString();
    }

    private static void appendMap(StringBuilder sb, Map<String, ?> map) {
        boolean first = true;
        for (Map.Entry<String, ?> e : map.entrySet()) {
            sb.append(first ? "" : ",").append(quote(e.getKey())).append(':');
            Object v = e.getValue();
            sb.append(v instanceof Number || v instanceof Boolean ? String.valueOf(v) : quote(String.valueOf(v)));
            first = false;
        }
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
