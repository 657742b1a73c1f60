package im.tandem.alert;

import im.tandem.session.SessionCounts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alert event as the JSON body of Prometheus Alertmanager's webhook (version 4), so that any
 * receiver written for Alertmanager (chat bridges, ticketing, PagerDuty relays) takes Tandem's
 * alerts unchanged. Each body carries one alert: {@code firing} for a raise or repeat,
 * {@code resolved} with {@code endsAt} for a clear. Labels are {@code alertname},
 * {@code severity} and {@code instance} (the node); the fingerprint is the FNV-1a 64-bit hash
 * of the sorted labels, stable across raises, repeats and the clear of the same alert.
 */
public final class AlertmanagerPayload {

    /** Alertmanager's "no end" time, sent as endsAt of a firing alert. */
    static final String NO_END = "0001-01-01T00:00:00Z";
    /** The receiver name in the payload. */
    static final String RECEIVER = "tandem";

    private AlertmanagerPayload() {
    }

    public static Map<String, Object> of(AlertEvent event) {
        boolean firing = event.status() == AlertEvent.Status.RAISED;
        Map<String, String> labels = labels(event);
        Map<String, String> annotations = annotations(event);

        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", firing ? "firing" : "resolved");
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", format(event.since() != null ? event.since() : event.time()));
        alert.put("endsAt", firing ? NO_END : format(event.time()));
        alert.put("generatorURL", "");
        alert.put("fingerprint", fingerprint(labels));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "4");
        body.put("groupKey", "{}:{alertname=\"" + event.alert() + "\"}");
        body.put("truncatedAlerts", 0);
        body.put("status", firing ? "firing" : "resolved");
        body.put("receiver", RECEIVER);
        body.put("groupLabels", Map.of("alertname", event.alert()));
        body.put("commonLabels", labels);
        body.put("commonAnnotations", annotations);
        body.put("externalURL", "");
        body.put("alerts", List.of(alert));
        return body;
    }

    static Map<String, String> labels(AlertEvent event) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", event.alert());
        labels.put("severity", event.severity());
        labels.put("instance", event.node());
        return labels;
    }

    private static Map<String, String> annotations(AlertEvent event) {
        SessionCounts s = event.sessions();
        ResourceUsage r = event.resources();
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", String.format(Locale.ROOT, "Node %s holds %.1f%% of its session capacity (threshold %d%%)",
                event.node(), event.loadPercent(), event.thresholdPercent()));
        annotations.put("description", String.format(Locale.ROOT,
                "%s. Sessions: client %d internal + %d off-site, phantom %d, hybrid %d, combined %d; limit %d. "
                        + "Heap %d of %d MB, process CPU %s.",
                capitalized(event.reason()), s.clientInternal(), s.clientOffsite(), s.phantom(), s.hybrid(), s.combined(),
                s.limit(), r.heapUsedBytes() >> 20, r.heapMaxBytes() >> 20,
                r.processCpuPercent() == null ? "unknown" : r.processCpuPercent() + "%"));
        annotations.put("recommended_action", event.recommendedAction());
        annotations.put("load_percent", String.format(Locale.ROOT, "%.1f", event.loadPercent()));
        annotations.put("threshold_percent", Integer.toString(event.thresholdPercent()));
        return annotations;
    }

    /** FNV-1a 64 over each label name and value in name order, each followed by the byte 0xff, as 16 hex digits. */
    static String fingerprint(Map<String, String> labels) {
        long hash = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            hash = add(hash, label.getKey().getBytes(StandardCharsets.UTF_8));
            hash = add(hash, label.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return String.format("%016x", hash);
    }

    private static long add(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= 0xff;
        hash *= 0x100000001b3L;
        return hash;
    }

    private static String format(Instant instant) {
        return instant.toString();
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
