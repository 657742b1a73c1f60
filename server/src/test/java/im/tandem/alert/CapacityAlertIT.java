package im.tandem.alert;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.session.SessionRegistry;
import im.tandem.support.OffsetClock;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The capacity alert end to end (SPEC sections 4 and 5): real clients log in to a node of four
 * sessions until its load passes the threshold (50%); once the server clock has moved on by the
 * sustain time the alert is raised, it repeats after the frequency, and a client leaving clears
 * it. Every step is checked over the admin REST API, on {@code /actuator/prometheus} and at a
 * real webhook receiver (a Reactor Netty server on port 0) getting Alertmanager's JSON. The
 * server clock is an {@link OffsetClock}: ten minutes pass without waiting; each wait below is
 * for an observable state, with a generous overall timeout.
 */
@Import(CapacityAlertIT.AlertTestClock.class)
@TestPropertySource(properties = {
        "tandem.capacity.max-sessions=4",
        "tandem.capacity.alert.evaluation-interval=100ms",
        "tandem.node.name=node-it"
})
class CapacityAlertIT extends TandemServerTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Duration SUSTAIN = Duration.ofMinutes(10);
    static final Duration FREQUENCY = Duration.ofMinutes(5);
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final BlockingQueue<JsonNode> WEBHOOK = new LinkedBlockingQueue<>();
    static final DisposableServer RECEIVER = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes.post("/alertmanager", (request, response) -> request.receive().aggregate().asString()
                    .doOnNext(body -> WEBHOOK.add(JSON.readTree(body)))
                    .then(response.status(200).send())))
            .bindNow();

    /** The server's clock in this test: real time that the test moves forward. */
    @TestConfiguration(proxyBeanMethods = false)
    static class AlertTestClock {
        @Bean
        @Primary
        OffsetClock alertTestClock() {
            return new OffsetClock();
        }
    }

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        registry.add("tandem.capacity.alert.webhook-url", () -> "http://127.0.0.1:" + RECEIVER.port() + "/alertmanager");
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.disposeNow();
    }

    @Autowired
    Clock clock;

    @Autowired
    SessionRegistry sessions;

    WebTestClient admin;

    @BeforeEach
    void settings() throws Exception {
        admin = WebTestClient.bindToServer().baseUrl("http://localhost:" + httpPort).responseTimeout(TIMEOUT)
                .defaultHeaders(h -> h.setBasicAuth("admin", ADMIN_PASSWORD)).build();
        // the settings persist in the database other test contexts share: set them, whatever they were
        putSettings(Map.of("enabled", true, "thresholdPercent", 50, "sustain", SUSTAIN.toString(),
                "frequency", FREQUENCY.toString()));
        awaitJson("/api/v1/capacity", c -> c.at("/sessions/load").longValue() == 0 && !c.at("/alert/active").booleanValue());
        WEBHOOK.clear();
    }

    @AfterEach
    void defaults() {
        putSettings(Map.of("enabled", true, "thresholdPercent", 80, "sustain", "PT10M", "frequency", "PT10M"));
    }

    void putSettings(Map<String, Object> body) {
        Map<String, Object> withSchedule = new HashMap<>(body);
        withSchedule.put("schedule", null);
        admin.put().uri("/api/v1/alerts/jsm-sessions-exceeds-threshold").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(withSchedule).exchange().expectStatus().isOk();
    }

    JsonNode json(String path) {
        byte[] body = admin.get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    JsonNode awaitJson(String path, Predicate<JsonNode> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        JsonNode last = json(path);
        while (!condition.test(last)) {
            assertThat(Instant.now()).as("waiting on %s, last seen %s", path, last).isBefore(deadline);
            Thread.sleep(50);
            last = json(path);
        }
        return last;
    }

    JsonNode nextWebhook() throws InterruptedException {
        JsonNode body = WEBHOOK.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(body).as("a webhook delivery").isNotNull();
        return body;
    }

    String prometheus() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + httpPort).build().get()
                .uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
    }

    void later(Duration d) {
        ((OffsetClock) clock).advance(d);
    }

    /** Three sessions of four: 75%, above the threshold of 50%. */
    List<XMPPTCPConnection> threeSessions(XmppClients clients) throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        List<XMPPTCPConnection> connections = List.of(clients.login(alice, PASSWORD, "laptop"),
                clients.login(alice, PASSWORD, "phone"), clients.login(bob, PASSWORD, "desk"));
        awaitJson("/api/v1/capacity", c -> !c.at("/alert/aboveThresholdSince").isNull());
        return connections;
    }

    @Test
    void raisedAfterTheSustainTimeRepeatedAtTheFrequencyAndClearedWhenTheLoadDrops() throws Exception {
        try (XmppClients clients = clients()) {
            List<XMPPTCPConnection> connections = threeSessions(clients);
            JsonNode capacity = json("/api/v1/capacity");
            assertThat(capacity.at("/sessions/clientInternal").longValue()).isEqualTo(3);
            assertThat(capacity.at("/limit").intValue()).isEqualTo(4);
            assertThat(capacity.at("/loadPercent").doubleValue()).isEqualTo(75.0);
            // the clock has not moved: ten minutes cannot have passed
            assertThat(capacity.at("/alert/active").booleanValue()).isFalse();
            assertThat(json("/api/v1/alerts").at("/active").size()).isZero();
            assertThat(prometheus()).contains("tandem_jsm_sessions_exceeds_threshold 0.0");

            later(SUSTAIN);
            JsonNode alerts = awaitJson("/api/v1/alerts", a -> a.at("/active").size() == 1);
            JsonNode raised = alerts.at("/history/0");
            assertThat(raised.at("/status").stringValue()).isEqualTo("RAISED");
            assertThat(raised.at("/alert").stringValue()).isEqualTo("JSMSessionsExceedsThreshold");
            assertThat(raised.at("/severity").stringValue()).isEqualTo("warning");
            assertThat(raised.at("/node").stringValue()).isEqualTo("node-it");
            assertThat(raised.at("/repeat").intValue()).isZero();
            assertThat(raised.at("/sessions/clientInternal").longValue()).isEqualTo(3);
            assertThat(raised.at("/sessions/clientOffsite").longValue()).isZero();
            assertThat(raised.at("/sessions/phantom").longValue()).isZero();
            assertThat(raised.at("/sessions/hybrid").longValue()).isZero();
            assertThat(raised.at("/sessions/limit").intValue()).isEqualTo(4);
            assertThat(raised.at("/loadPercent").doubleValue()).isEqualTo(75.0);
            assertThat(raised.at("/thresholdPercent").intValue()).isEqualTo(50);
            assertThat(raised.at("/resources/heapUsedBytes").longValue()).isPositive();
            assertThat(raised.at("/resources/heapMaxBytes").longValue())
                    .isGreaterThanOrEqualTo(raised.at("/resources/heapUsedBytes").longValue());
            assertThat(raised.at("/recommendedAction").stringValue()).contains("add a node");
            assertThat(Instant.parse(raised.at("/time").stringValue())).isEqualTo(
                    Instant.parse(alerts.at("/active/0/since").stringValue()));
            assertThat(json("/api/v1/capacity").at("/alert/active").booleanValue()).isTrue();
            assertThat(json("/api/v1/counters").at("/JSMSessionsExceedsThreshold").intValue()).isEqualTo(1);
            assertThat(prometheus()).contains("tandem_jsm_sessions_exceeds_threshold 1.0")
                    .containsPattern("tandem_jsm_sessions_exceeds_threshold_raised_total [1-9]");

            JsonNode firing = nextWebhook();
            assertThat(firing.at("/version").stringValue()).isEqualTo("4");
            assertThat(firing.at("/status").stringValue()).isEqualTo("firing");
            assertThat(firing.at("/alerts/0/labels/alertname").stringValue()).isEqualTo("JSMSessionsExceedsThreshold");
            assertThat(firing.at("/alerts/0/labels/instance").stringValue()).isEqualTo("node-it");
            assertThat(firing.at("/alerts/0/annotations/summary").stringValue()).contains("75.0%");
            assertThat(firing.at("/alerts/0/startsAt").stringValue()).isEqualTo(raised.at("/time").stringValue());
            String fingerprint = firing.at("/alerts/0/fingerprint").stringValue();

            later(FREQUENCY);
            alerts = awaitJson("/api/v1/alerts", a -> a.at("/history/0/repeat").intValue() == 1);
            assertThat(alerts.at("/history/0/status").stringValue()).isEqualTo("RAISED");
            assertThat(alerts.at("/history/1/repeat").intValue()).isZero();
            assertThat(alerts.at("/active/0/repeat").intValue()).isEqualTo(1);
            JsonNode again = nextWebhook();
            assertThat(again.at("/status").stringValue()).isEqualTo("firing");
            assertThat(again.at("/alerts/0/fingerprint").stringValue()).isEqualTo(fingerprint);

            connections.get(0).disconnect(); // two of four: 50%, not above the threshold
            alerts = awaitJson("/api/v1/alerts", a -> a.at("/active").isEmpty());
            JsonNode cleared = alerts.at("/history/0");
            assertThat(cleared.at("/status").stringValue()).isEqualTo("CLEARED");
            assertThat(cleared.at("/loadPercent").doubleValue()).isEqualTo(50.0);
            assertThat(cleared.at("/since").stringValue()).isEqualTo(raised.at("/time").stringValue());
            assertThat(alerts.at("/history/1/repeat").intValue()).isEqualTo(1);
            JsonNode resolved = nextWebhook();
            assertThat(resolved.at("/status").stringValue()).isEqualTo("resolved");
            assertThat(resolved.at("/alerts/0/endsAt").stringValue()).isEqualTo(cleared.at("/time").stringValue());
            assertThat(resolved.at("/alerts/0/fingerprint").stringValue()).isEqualTo(fingerprint);
            assertThat(prometheus()).contains("tandem_jsm_sessions_exceeds_threshold 0.0");
            assertThat(json("/api/v1/counters").at("/JSMSessionsExceedsThreshold").intValue()).isZero();
        }
    }

    @Test
    void disablingTheAlertWhileRaisedClearsItAtOnce() throws Exception {
        try (XmppClients clients = clients()) {
            threeSessions(clients);
            later(SUSTAIN);
            awaitJson("/api/v1/alerts", a -> a.at("/active").size() == 1);
            assertThat(nextWebhook().at("/status").stringValue()).isEqualTo("firing");

            admin.put().uri("/api/v1/alerts/jsm-sessions-exceeds-threshold").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("enabled", false)).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.enabled").isEqualTo(false);
            // applied before the answer: no wait
            JsonNode alerts = json("/api/v1/alerts");
            assertThat(alerts.at("/active").isEmpty()).isTrue();
            assertThat(alerts.at("/history/0/status").stringValue()).isEqualTo("CLEARED");
            assertThat(alerts.at("/history/0/reason").stringValue()).contains("disabled");
            assertThat(json("/api/v1/capacity").at("/alert/enabled").booleanValue()).isFalse();
            assertThat(nextWebhook().at("/status").stringValue()).isEqualTo("resolved");

            // still above the threshold, ten more minutes: a disabled alert stays quiet
            later(SUSTAIN.multipliedBy(2));
            JsonNode capacity = awaitJson("/api/v1/capacity", c -> c.at("/alert/aboveThresholdSince").isNull());
            assertThat(capacity.at("/alert/active").booleanValue()).isFalse();
            assertThat(json("/api/v1/alerts").at("/history/0/status").stringValue()).isEqualTo("CLEARED");
        }
    }

    @Test
    void capacityAndCountersShowTheSessionsByKind() throws Exception {
        try (XmppClients clients = clients()) {
            clients.login(createUser("carol"), PASSWORD, "desk");
            JsonNode capacity = awaitJson("/api/v1/capacity", c -> c.at("/sessions/load").longValue() == 1);
            assertThat(capacity.at("/node").stringValue()).isEqualTo("node-it");
            assertThat(capacity.at("/profile").stringValue()).isEqualTo("15K");
            assertThat(capacity.at("/maxSessions").intValue()).isEqualTo(4);
            assertThat(capacity.at("/haActiveActive").booleanValue()).isFalse();
            assertThat(capacity.at("/limit").intValue()).isEqualTo(4);
            assertThat(capacity.at("/sessions/clientInternal").longValue()).isEqualTo(1);
            assertThat(capacity.at("/sessions/client").longValue()).isEqualTo(1);
            assertThat(capacity.at("/sessions/phantom").isNumber()).isTrue();
            assertThat(capacity.at("/sessions/hybrid").isNumber()).isTrue();
            assertThat(capacity.at("/sessions/combined").isNumber()).isTrue();
            assertThat(capacity.at("/loadPercent").doubleValue()).isEqualTo(25.0);
            assertThat(capacity.at("/alert/name").stringValue()).isEqualTo("JSMSessionsExceedsThreshold");
            assertThat(capacity.at("/alert/thresholdPercent").intValue()).isEqualTo(50);
            assertThat(capacity.at("/alert/active").booleanValue()).isFalse();
            assertThat(capacity.at("/alert/aboveThresholdSince").isNull()).isTrue();

            JsonNode counters = json("/api/v1/counters");
            assertThat(counters.at("/JsmClientSessionsActive").longValue()).isEqualTo(1);
            assertThat(counters.at("/JsmClientSessionsActiveInternal").longValue()).isEqualTo(1);
            assertThat(counters.at("/JsmClientSessionsActiveOffsite").longValue()).isZero();
            assertThat(counters.at("/JsmSessionsLoadPercent").doubleValue()).isEqualTo(25.0);
            for (String name : List.of("JsmPhantomSessionsActive", "JsmHybridSessionsActive", "JsmCombinedSessions",
                    "JSMSessionsExceedsThreshold", "MDMSessions")) {
                assertThat(counters.has(name)).as(name).isTrue();
            }
            assertThat(prometheus()).contains("tandem_jsm_phantom_sessions_active ", "tandem_jsm_hybrid_sessions_active ",
                    "tandem_jsm_combined_sessions ", "tandem_jsm_sessions_load_percent 25.0",
                    "tandem_jsm_client_sessions_active{location=\"internal\"} 1.0");
        }
    }
}
