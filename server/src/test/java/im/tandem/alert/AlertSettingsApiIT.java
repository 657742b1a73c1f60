package im.tandem.alert;

import static im.tandem.support.Problems.detailedProblemBody;
import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.store.AuditEntry;
import im.tandem.store.AuditLog;
import im.tandem.support.TandemServerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/alerts/jsm-sessions-exceeds-threshold} over real HTTP (SPEC section 5): admins
 * only; a change applies the fields it gives, is audited and shows in {@code /api/v1/capacity};
 * hostile or malformed input gets a 400 problem naming the field and changes nothing.
 */
class AlertSettingsApiIT extends TandemServerTest {

    static final String PATH = "/api/v1/alerts/jsm-sessions-exceeds-threshold";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    AuditLog auditLog;

    @Autowired
    CapacityAlert alert;

    WebTestClient http;
    WebTestClient admin;

    @BeforeEach
    void httpClientsAndDefaults() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + httpPort)
                .responseTimeout(Duration.ofSeconds(20)).build();
        admin = http.mutate().defaultHeaders(h -> h.setBasicAuth("admin", ADMIN_PASSWORD)).build();
        put("{\"enabled\": true, \"thresholdPercent\": 80, \"sustain\": \"PT10M\", \"frequency\": \"PT10M\", \"schedule\": null}")
                .expectStatus().isOk();
    }

    @AfterEach
    void defaults() {
        httpClientsAndDefaults();
    }

    WebTestClient.ResponseSpec put(String body) {
        return admin.put().uri(PATH).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    JsonNode settings() {
        return JSON.readTree(admin.get().uri(PATH).exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseBody());
    }

    @Test
    void aChangeAppliesTheGivenFieldsIsAuditedAndShowsInTheCapacity() {
        put("{\"thresholdPercent\": 65, \"frequency\": \"PT30M\", \"schedule\": {\"days\": [\"MONDAY\", \"tuesday\"], "
                + "\"start\": \"22:00\", \"end\": \"06:00\", \"zone\": \"Europe/Berlin\"}}")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.enabled").isEqualTo(true)
                .jsonPath("$.thresholdPercent").isEqualTo(65)
                .jsonPath("$.sustain").isEqualTo("PT10M")
                .jsonPath("$.frequency").isEqualTo("PT30M")
                .jsonPath("$.schedule.days").isEqualTo(List.of("MONDAY", "TUESDAY"))
                .jsonPath("$.schedule.start").isEqualTo("22:00")
                .jsonPath("$.schedule.end").isEqualTo("06:00")
                .jsonPath("$.schedule.zone").isEqualTo("Europe/Berlin");
        assertThat(settings().at("/thresholdPercent").intValue()).isEqualTo(65);
        assertThat(alert.settings().thresholdPercent()).isEqualTo(65);
        admin.get().uri("/api/v1/capacity").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.alert.thresholdPercent").isEqualTo(65);

        put("{\"schedule\": null, \"sustain\": \"PT0S\"}").expectStatus().isOk().expectBody()
                .jsonPath("$.schedule").isEmpty()
                .jsonPath("$.sustain").isEqualTo("PT0S")
                .jsonPath("$.thresholdPercent").isEqualTo(65);

        List<AuditEntry> audit = auditLog.recent(50).collectList().block();
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("alert.settings.set");
            assertThat(e.target()).isEqualTo("JSMSessionsExceedsThreshold");
            assertThat(e.actor()).isEqualTo("admin");
            assertThat(e.source()).startsWith("api:");
            assertThat(e.detail()).contains("\"thresholdPercent\":65").contains("Europe/Berlin");
        });
    }

    @Test
    void hostileInputIsRefusedNamingTheFieldAndChangesNothing() {
        put("{\"thresholdPercent\": 70, \"schedule\": {\"days\": [\"FRIDAY\"]}}").expectStatus().isOk();
        JsonNode before = settings();
        Map<String, String> bodies = Map.ofEntries(
                Map.entry("{\"thresholdPercent\": 0}", "thresholdPercent"),
                Map.entry("{\"thresholdPercent\": 101}", "thresholdPercent"),
                Map.entry("{\"thresholdPercent\": -1, \"enabled\": false}", "thresholdPercent"),
                Map.entry("{\"thresholdPercent\": \"90\"}", "thresholdPercent"),
                Map.entry("{\"enabled\": false, \"sustain\": \"-PT5M\"}", "sustain"),
                Map.entry("{\"frequency\": \"-PT1M\"}", "frequency"),
                Map.entry("{\"frequency\": 600}", "frequency"),
                Map.entry("{\"enabled\": \"no\"}", "enabled"),
                Map.entry("{\"schedule\": \"nights\"}", "schedule"),
                Map.entry("{\"schedule\": {\"days\": [\"Caturday\"]}}", "schedule.days"),
                Map.entry("{\"schedule\": {\"start\": \"8 o'clock\"}}", "schedule.start"),
                Map.entry("{\"schedule\": {\"zone\": \"Nowhere/Special\"}}", "schedule.zone"),
                Map.entry("{\"thresholdPercent\": 90, \"threshold\": 90}", "threshold"),
                Map.entry("[80]", "(body)"));
        bodies.forEach((body, field) -> detailedProblemBody(put(body), 400)
                .jsonPath("$.field").isEqualTo(field)
                .jsonPath("$.detail").value(d -> assertThat((String) d).startsWith(field)));
        // not JSON at all, nothing, the wrong media type: refused before the settings are read
        detailedProblemBody(put("{\"thresholdPercent\": "), 400);
        detailedProblemBody(admin.put().uri(PATH).contentType(MediaType.APPLICATION_JSON).exchange(), 400);
        detailedProblemBody(admin.put().uri(PATH).contentType(MediaType.TEXT_PLAIN).bodyValue("thresholdPercent=90").exchange(), 415);
        detailedProblemBody(admin.method(HttpMethod.DELETE).uri(PATH).exchange(), 405);
        detailedProblemBody(admin.get().uri("/api/v1/alerts?limit=0").exchange(), 400);
        detailedProblemBody(admin.get().uri("/api/v1/alerts?limit=1001").exchange(), 400);
        detailedProblemBody(admin.get().uri("/api/v1/alerts?limit=lots").exchange(), 400);

        assertThat(settings()).isEqualTo(before);
        assertThat(alert.settings().thresholdPercent()).isEqualTo(70);
        assertThat(alert.settings().enabled()).isTrue();
    }

    @Test
    void onlyAdminsReadOrChangeAlertsAndCapacity() {
        String user = createUser("nosy");
        for (String path : List.of(PATH, "/api/v1/alerts", "/api/v1/capacity")) {
            detailedProblemBody(http.get().uri(path).exchange(), 401);
            detailedProblemBody(http.get().uri(path).headers(h -> h.setBasicAuth(user, PASSWORD)).exchange(), 403);
        }
        detailedProblemBody(http.put().uri(PATH).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"enabled\": false}")
                .exchange(), 401);
        detailedProblemBody(http.put().uri(PATH).headers(h -> h.setBasicAuth(user, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"enabled\": false}").exchange(), 403);
        assertThat(settings().at("/enabled").booleanValue()).isTrue();
        admin.get().uri("/api/v1/alerts").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.active").isArray()
                .jsonPath("$.history").isArray();
    }

}
