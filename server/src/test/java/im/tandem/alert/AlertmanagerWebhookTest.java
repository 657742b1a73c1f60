package im.tandem.alert;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.admin.MeterNames;
import im.tandem.session.SessionCounts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook against a real HTTP receiver on port 0: Alertmanager's JSON, in order, one
 * fingerprint for the raise, the repeat and the clear of one alert; a receiver that fails, is
 * slow or is not there is counted and logged, and never reaches the caller.
 */
class AlertmanagerWebhookTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant SINCE = Instant.parse("2025-01-10T12:10:00Z");

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final BlockingQueue<String> contentTypes = new LinkedBlockingQueue<>();
    DisposableServer receiver;
    AlertmanagerWebhook webhook;

    @AfterEach
    void stop() {
        if (webhook != null) {
            webhook.close();
        }
        if (receiver != null) {
            receiver.disposeNow();
        }
    }

    DisposableServer receiver(int status, Duration delay) {
        receiver = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().aggregate().asString()
                        .doOnNext(body -> {
                            contentTypes.add(String.valueOf(request.requestHeaders().get("Content-Type")));
                            received.add(JSON.readTree(body));
                        })
                        .then(Mono.delay(delay))
                        .then(response.status(status).send()))
                .bindNow();
        return receiver;
    }

    AlertmanagerWebhook webhook(URI url, Duration timeout) {
        webhook = new AlertmanagerWebhook(url, timeout, JSON, meters);
        return webhook;
    }

    static AlertEvent event(AlertEvent.Status status, Instant time, int repeat) {
        return new AlertEvent(CapacityAlert.NAME, status, CapacityAlert.SEVERITY, time, SINCE, repeat, "node-a",
                new SessionCounts(50, 10, 2, 1, 30, 70), 90.0, 80,
                new ResourceUsage(200L << 20, 512L << 20, 12.5),
                status == AlertEvent.Status.RAISED ? "load 90.0% has been above the threshold 80% since x"
                        : "load 50.0% is at or below the threshold 80%",
                CapacityAlert.RECOMMENDED_ACTION);
    }

    double deliveries(String result) {
        return meters.get(MeterNames.ALERT_WEBHOOK_DELIVERIES).tag("result", result).counter().count();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition reached in time").isTrue();
    }

    @Test
    void raisesRepeatsAndClearsArriveInOrderAsAlertmanagerJson() throws Exception {
        DisposableServer server = receiver(200, Duration.ZERO);
        AlertmanagerWebhook hook = webhook(URI.create("http://127.0.0.1:" + server.port() + "/hook?token=secret"),
                Duration.ofSeconds(10));
        hook.accept(event(AlertEvent.Status.RAISED, SINCE, 0));
        hook.accept(event(AlertEvent.Status.RAISED, SINCE.plusSeconds(600), 1));
        hook.accept(event(AlertEvent.Status.CLEARED, SINCE.plusSeconds(700), 1));

        JsonNode firing = received.poll(20, TimeUnit.SECONDS);
        JsonNode repeat = received.poll(20, TimeUnit.SECONDS);
        JsonNode resolved = received.poll(20, TimeUnit.SECONDS);
        assertThat(contentTypes.poll()).startsWith("application/json");

        assertThat(firing.get("version").stringValue()).isEqualTo("4");
        assertThat(firing.get("status").stringValue()).isEqualTo("firing");
        assertThat(firing.get("receiver").stringValue()).isEqualTo("tandem");
        assertThat(firing.get("groupLabels").get("alertname").stringValue()).isEqualTo("JSMSessionsExceedsThreshold");
        assertThat(firing.get("commonLabels").get("instance").stringValue()).isEqualTo("node-a");
        assertThat(firing.get("truncatedAlerts").intValue()).isZero();
        assertThat(firing.get("groupKey").stringValue()).contains("JSMSessionsExceedsThreshold");
        JsonNode alert = firing.get("alerts").get(0);
        assertThat(firing.get("alerts").size()).isEqualTo(1);
        assertThat(alert.get("status").stringValue()).isEqualTo("firing");
        assertThat(alert.get("labels").get("alertname").stringValue()).isEqualTo("JSMSessionsExceedsThreshold");
        assertThat(alert.get("labels").get("severity").stringValue()).isEqualTo("warning");
        assertThat(alert.get("labels").get("instance").stringValue()).isEqualTo("node-a");
        assertThat(alert.get("annotations").get("summary").stringValue()).contains("node-a").contains("90.0%")
                .contains("threshold 80%");
        assertThat(alert.get("annotations").get("description").stringValue())
                .contains("client 50 internal + 10 off-site, phantom 2, hybrid 1, combined 30; limit 70")
                .contains("Heap 200 of 512 MB").contains("CPU 12.5%");
        assertThat(alert.get("annotations").get("recommended_action").stringValue()).contains("add a node");
        assertThat(alert.get("startsAt").stringValue()).isEqualTo("2025-01-10T12:10:00Z");
        assertThat(alert.get("endsAt").stringValue()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(alert.get("fingerprint").stringValue()).matches("[0-9a-f]{16}");

        JsonNode repeated = repeat.get("alerts").get(0);
        assertThat(repeated.get("status").stringValue()).isEqualTo("firing");
        assertThat(repeated.get("startsAt").stringValue()).isEqualTo("2025-01-10T12:10:00Z");

        assertThat(resolved.get("status").stringValue()).isEqualTo("resolved");
        JsonNode cleared = resolved.get("alerts").get(0);
        assertThat(cleared.get("status").stringValue()).isEqualTo("resolved");
        assertThat(cleared.get("startsAt").stringValue()).isEqualTo("2025-01-10T12:10:00Z");
        assertThat(cleared.get("endsAt").stringValue()).isEqualTo("2025-01-10T12:21:40Z");
        assertThat(List.of(repeated, cleared)).extracting(a -> a.get("fingerprint").stringValue())
                .containsOnly(alert.get("fingerprint").stringValue());
        await(() -> deliveries("ok") == 3);
        assertThat(deliveries("failed")).isZero();
    }

    @Test
    void theFingerprintDependsOnTheLabelsOnly() {
        String a = AlertmanagerPayload.fingerprint(AlertmanagerPayload.labels(event(AlertEvent.Status.RAISED, SINCE, 0)));
        String b = AlertmanagerPayload.fingerprint(java.util.Map.of("instance", "node-a", "severity", "warning",
                "alertname", "JSMSessionsExceedsThreshold"));
        String other = AlertmanagerPayload.fingerprint(java.util.Map.of("instance", "node-b", "severity", "warning",
                "alertname", "JSMSessionsExceedsThreshold"));
        assertThat(a).isEqualTo(b).isNotEqualTo(other);
        // FNV-1a 64 of the empty label set is the offset basis
        assertThat(AlertmanagerPayload.fingerprint(java.util.Map.of())).isEqualTo("cbf29ce484222325");
    }

    @Test
    void aReceiverAnsweringAnErrorIsCountedAsAFailure() throws Exception {
        DisposableServer server = receiver(500, Duration.ZERO);
        webhook(URI.create("http://127.0.0.1:" + server.port() + "/"), Duration.ofSeconds(10))
                .accept(event(AlertEvent.Status.RAISED, SINCE, 0));
        assertThat(received.poll(20, TimeUnit.SECONDS)).isNotNull();
        await(() -> deliveries("failed") == 1);
        assertThat(deliveries("ok")).isZero();
    }

    @Test
    void aSlowReceiverTimesOutAndTheNextEventIsStillDelivered() throws Exception {
        DisposableServer server = receiver(200, Duration.ofMinutes(5));
        AlertmanagerWebhook hook = webhook(URI.create("http://127.0.0.1:" + server.port() + "/"), Duration.ofMillis(300));
        hook.accept(event(AlertEvent.Status.RAISED, SINCE, 0));
        hook.accept(event(AlertEvent.Status.CLEARED, SINCE.plusSeconds(60), 0));
        assertThat(received.poll(20, TimeUnit.SECONDS).get("status").stringValue()).isEqualTo("firing");
        assertThat(received.poll(20, TimeUnit.SECONDS).get("status").stringValue()).isEqualTo("resolved");
        await(() -> deliveries("failed") == 2);
    }

    @Test
    void aReceiverThatIsNotThereIsCountedAndTheCallerNeverSeesIt() throws Exception {
        DisposableServer server = receiver(200, Duration.ZERO);
        int port = server.port();
        server.disposeNow();
        receiver = null;
        AlertmanagerWebhook hook = webhook(URI.create("http://127.0.0.1:" + port + "/"), Duration.ofSeconds(2));
        hook.accept(event(AlertEvent.Status.RAISED, SINCE, 0));
        await(() -> deliveries("failed") == 1);
    }
}
