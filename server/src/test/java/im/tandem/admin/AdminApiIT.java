package im.tandem.admin;

import static im.tandem.support.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.store.AuditEntry;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import im.tandem.store.AuditLog;

class AdminApiIT extends TandemServerTest {

    @Autowired
    AuditLog auditLog;

    @Autowired
    MeterRegistry meters;

    WebTestClient http;
    WebTestClient admin;

    @BeforeEach
    void httpClients() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + httpPort)
                .responseTimeout(Duration.ofSeconds(20)).build();
        admin = http.mutate().defaultHeaders(h -> h.setBasicAuth("admin", ADMIN_PASSWORD)).build();
    }

    @Test
    void createdUserIsShownWithoutCredentialsAndCanLogIn() throws Exception {
        String name = newUsername("rest");
        admin.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", PASSWORD, "hybrid", true))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/api/v1/users/" + name)
                .expectBody()
                .jsonPath("$.username").isEqualTo(name)
                .jsonPath("$.jid").isEqualTo(name + "@" + DOMAIN)
                .jsonPath("$.hybrid").isEqualTo(true)
                .jsonPath("$.admin").isEqualTo(false)
                .jsonPath("$.password").doesNotExist();
        admin.get().uri("/api/v1/users/{u}", name).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.username").isEqualTo(name);
        try (XmppClients xmpp = clients()) {
            assertThat(xmpp.login(name, PASSWORD, "phone").isAuthenticated()).isTrue();
        }
    }

    @Test
    void errorsAreProblemDetails() {
        String name = createUser("dup");
        problem(admin.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", PASSWORD)).exchange(), 409);
        problem(admin.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", newUsername("weak"), "password", "short")).exchange(), 400);
        problem(admin.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "bad@name", "password", PASSWORD)).exchange(), 400);
        problem(admin.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\": \"x\", ").exchange(), 400);
        problem(admin.post().uri("/api/v1/users").contentType(MediaType.TEXT_PLAIN)
                .bodyValue("hello").exchange(), 415);
        problem(admin.method(HttpMethod.PATCH).uri("/api/v1/users").exchange(), 405);
        problem(admin.get().uri("/api/v1/users/{u}", newUsername("nobody")).exchange(), 404);
        problem(admin.delete().uri("/api/v1/users/{u}", newUsername("nobody")).exchange(), 404);
        problem(admin.get().uri("/api/v1/users?limit=100000").exchange(), 400);
        problem(admin.get().uri("/api/v1/no-such-thing").exchange(), 404);
        problem(admin.delete().uri("/api/v1/users/admin").exchange(), 409);
    }

    @Test
    void requiresAdminCredentials() {
        problem(http.get().uri("/api/v1/users").exchange(), 401)
                .expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tandem\".*");
        problem(http.get().uri("/api/v1/users").headers(h -> h.setBasicAuth("admin", "wrong-password")).exchange(), 401)
                .expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE);
        String user = createUser("plain");
        problem(http.get().uri("/api/v1/users").headers(h -> h.setBasicAuth(user, PASSWORD)).exchange(), 403);
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void noSpellingOfAnApiPathGetsPastAuthentication() {
        String evil = newUsername("evil");
        for (String path : new String[] {"/api;x/v1/users", "/%61pi/v1/users", "/api/v1;a=b/users", "//api/v1/users",
                "/api/v1/users/", "/API/v1/users"}) {
            http.post().uri(java.net.URI.create("http://localhost:" + httpPort + path))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"username\":\"" + evil + "\",\"password\":\"long enough pw\",\"admin\":true}")
                    .exchange().expectStatus().isUnauthorized();
        }
        assertThat(accounts.account(evil).blockOptional()).isEmpty();
    }

    @Test
    void listsUpdatesAndDeletesUsers() throws Exception {
        String name = createUser("crud");
        admin.get().uri("/api/v1/users?offset=0&limit=500").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total").value(total -> assertThat(((Number) total).longValue()).isGreaterThanOrEqualTo(2))
                .jsonPath("$.users[?(@.username == '" + name + "')]").exists();
        admin.put().uri("/api/v1/users/{u}", name).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", "another good password", "hybrid", true)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.hybrid").isEqualTo(true).jsonPath("$.disabled").isEqualTo(false);
        try (XmppClients xmpp = clients()) {
            XMPPTCPConnection c = xmpp.login(name, "another good password", "desk");
            admin.delete().uri("/api/v1/users/{u}", name).exchange().expectStatus().isNoContent();
            awaitDisconnected(c);
        }
        problem(admin.get().uri("/api/v1/users/{u}", name).exchange(), 404);
        assertThat(audit()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("user.update");
            assertThat(e.target()).isEqualTo(name);
            assertThat(e.actor()).isEqualTo("admin");
            assertThat(e.source()).startsWith("api:");
        }).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("user.delete");
            assertThat(e.target()).isEqualTo(name);
        });
        assertThat(meters.get(MeterNames.ADMIN_ACTIONS).tag("action", "user.delete").counter().count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void listsAndKicksSessions() throws Exception {
        String name = createUser("kick");
        try (XmppClients xmpp = clients()) {
            XMPPTCPConnection c = xmpp.login(name, PASSWORD, "laptop");
            String jid = name + "@" + DOMAIN + "/laptop";
            admin.get().uri("/api/v1/sessions").exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$[?(@.jid == '" + jid + "')].username").isEqualTo(List.of(name))
                    .jsonPath("$[?(@.jid == '" + jid + "')].resource").isEqualTo(List.of("laptop"))
                    .jsonPath("$[?(@.jid == '" + jid + "')].secure").isEqualTo(List.of(true))
                    .jsonPath("$[?(@.jid == '" + jid + "')].remoteAddress").isEqualTo(List.of("127.0.0.1"));
            String encoded = URLEncoder.encode(jid, StandardCharsets.UTF_8);
            admin.delete().uri(java.net.URI.create("http://localhost:" + httpPort + "/api/v1/sessions/" + encoded))
                    .exchange().expectStatus().isNoContent();
            awaitDisconnected(c);
            problem(admin.delete().uri(java.net.URI.create("http://localhost:" + httpPort + "/api/v1/sessions/"
                    + encoded)).exchange(), 404);
        }
        assertThat(audit()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("session.kick");
            assertThat(e.target()).isEqualTo(name + "@" + DOMAIN + "/laptop");
        });
    }

    private List<AuditEntry> audit() {
        return auditLog.recent(200).collectList().block();
    }


    static void awaitDisconnected(XMPPTCPConnection c) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (c.isConnected() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(c.isConnected()).as("disconnected by the server").isFalse();
    }
}
