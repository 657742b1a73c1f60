package im.tandem.mdm;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.support.Device;
import im.tandem.support.Device.Delivery;
import im.tandem.support.Device.Kind;
import im.tandem.support.RawXmppClient;
import im.tandem.support.XmppClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The MDM service parameter, router restart and counters over the admin REST API (SPEC
 * sections 3 and 5), against real clients whose connections must survive the restart.
 */
class MdmAdministrationIT extends MdmServerTest {

    WebTestClient admin;

    @BeforeEach
    void http() {
        admin = WebTestClient.bindToServer().baseUrl("http://localhost:" + httpPort)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(h -> h.setBasicAuth("admin", ADMIN_PASSWORD)).build();
    }

    private void setMdm(boolean enabled) {
        admin.put().uri("/api/v1/mdm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("enabled", enabled)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.pendingEnabled").isEqualTo(enabled);
    }

    private void restartRouter(boolean expectEnabled) {
        admin.post().uri("/api/v1/router/restart").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.enabled").isEqualTo(expectEnabled)
                .jsonPath("$.restartRequired").isEqualTo(false);
    }

    @Test
    void disablingMdmTakesEffectAtRouterRestartWithoutDroppingConnections() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (XmppClients clients = clients()) {
            Device phone = device(clients, alice, "phone").enableCarbons();
            Device laptop = device(clients, alice, "laptop").enableCarbons();
            Device b = device(clients, bob, "desk");
            try {
                setMdm(false);
                admin.get().uri("/api/v1/mdm").exchange().expectStatus().isOk().expectBody()
                        .jsonPath("$.enabled").isEqualTo(true)
                        .jsonPath("$.pendingEnabled").isEqualTo(false)
                        .jsonPath("$.restartRequired").isEqualTo(true);
                // pending only: carbons still apply
                chat(b, bare(alice), "still MDM");
                assertDelivery(laptop.next(), Kind.DIRECT, "still MDM");
                assertDelivery(phone.next(), Kind.RECEIVED_COPY, "still MDM");

                restartRouter(false);
                // the same connections, now with plain RFC 6121 delivery and no carbons advertised
                assertThat(laptop.connection().isConnected() && phone.connection().isConnected()).isTrue();
                XMPPTCPConnection fresh = clients.login(alice, PASSWORD, "tablet");
                assertThat(ServiceDiscoveryManager.getInstanceFor(fresh).discoverInfo(fresh.getXMPPServiceDomain())
                        .containsFeature(CarbonCopies.NAMESPACE)).isFalse();
                fresh.disconnect();
                chat(b, bare(alice), "plain");
                assertDelivery(laptop.next(), Kind.DIRECT, "plain");
                assertDelivery(phone.next(), Kind.DIRECT, "plain");
                chat(laptop, bare(bob), "no sent copy");
                assertDelivery(b.next(), Kind.DIRECT, "no sent copy");
                assertThat(phone.drain()).isEmpty();
            } finally {
                setMdm(true);
                restartRouter(true);
            }
            // and back: the sessions that enabled carbons get them again
            chat(laptop, bare(bob), "MDM again");
            assertDelivery(b.next(), Kind.DIRECT, "MDM again");
            assertDelivery(phone.next(), Kind.SENT_COPY, "MDM again");
        }
    }

    @Test
    void nothingInFlightIsLostAcrossARouterRestart() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        int count = 200;
        try (XmppClients clients = clients()) {
            Device laptop = device(clients, alice, "laptop").enableCarbons();
            Device b = device(clients, bob, "desk");
            Mono<Void> restart = admin.post().uri("/api/v1/router/restart").exchange()
                    .returnResult(String.class).getResponseBody().then();
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        chat(b, bare(alice), "m" + i);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            sender.start();
            restart.block(Duration.ofSeconds(30));
            sender.join(30_000);
            List<String> bodies = new ArrayList<>();
            for (Delivery d : laptop.next(count)) {
                bodies.add(d.body());
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                expected.add("m" + i);
            }
            assertThat(bodies).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void countersAreServedUnderTheirCiscoAndPrometheusNames() throws Exception {
        String alice = createUser("alice");
        try (XmppClients clients = clients()) {
            device(clients, alice, "phone").enableCarbons();
            Device laptop = device(clients, alice, "laptop").enableCarbons();
            inactive(device(clients, alice, "tablet").enableCarbons());
            admin.get().uri("/api/v1/counters").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.MDMSessions").value(v -> assertThat(((Number) v).intValue()).isGreaterThanOrEqualTo(3))
                    .jsonPath("$.MDMQuietModeSessions").value(v -> assertThat(((Number) v).intValue()).isGreaterThanOrEqualTo(1))
                    .jsonPath("$.MDMSilentModeSessions").exists()
                    .jsonPath("$.MDMBufferFlushes").exists()
                    .jsonPath("$.MDMBufferFlushesLimitReached").exists()
                    .jsonPath("$.MDMBufferFlushPacketCount").exists()
                    .jsonPath("$.MDMBufferAvgQueuedTime").exists();
            String prometheus = WebTestClient.bindToServer().baseUrl("http://localhost:" + httpPort).build()
                    .get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(prometheus).contains("tandem_mdm_sessions ", "tandem_mdm_silent_mode_sessions ",
                    "tandem_mdm_quiet_mode_sessions ", "tandem_mdm_buffer_flushes_total{trigger=\"global_limit\"}",
                    "tandem_mdm_buffer_flush_packets ", "tandem_mdm_buffer_queued_seconds_count",
                    "tandem_mdm_buffer_queued_seconds_sum");
            laptop.sync();
        }
    }

    @Test
    void mdmApiRequiresAnAdminAndRejectsBadInput() {
        WebTestClient anonymous = WebTestClient.bindToServer().baseUrl("http://localhost:" + httpPort).build();
        anonymous.put().uri("/api/v1/mdm").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("enabled", false))
                .exchange().expectStatus().isUnauthorized();
        anonymous.post().uri("/api/v1/router/restart").exchange().expectStatus().isUnauthorized();
        anonymous.get().uri("/api/v1/counters").exchange().expectStatus().isUnauthorized();
        admin.put().uri("/api/v1/mdm").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        admin.get().uri("/api/v1/mdm").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.pendingEnabled").isEqualTo(true);
    }

    @Test
    void carbonsCannotBeEnabledBeforeAuthentication() throws Exception {
        try (RawXmppClient raw = RawXmppClient.plain(c2s.port())) {
            String header = "<?xml version='1.0'?><stream:stream to='" + DOMAIN + "' version='1.0' xmlns='jabber:client' "
                    + "xmlns:stream='http://etherx.jabber.org/streams'>";
            raw.send(header).await("</stream:features>");
            raw.startTls(serverCertificate());
            raw.send(header).await("</stream:features>");
            raw.send("<iq type='set' id='c1'><enable xmlns='urn:xmpp:carbons:2'/></iq>");
            assertThat(raw.await("</iq>")).contains("type=\"error\"").contains("service-unavailable");
        }
    }
}
