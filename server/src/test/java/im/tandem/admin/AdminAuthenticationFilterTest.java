package im.tandem.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import im.tandem.account.AccountService;
import im.tandem.sasl.LoginThrottle;
import im.tandem.sasl.LoginThrottleSettings;
import im.tandem.sasl.ScramAlgorithm;
import im.tandem.sasl.UserCredentials;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

class AdminAuthenticationFilterTest {

    private static final String PASSWORD = "admin-secret-123";

    private final AccountService accounts = mock(AccountService.class);
    private final LoginThrottle throttle = new LoginThrottle(
            new LoginThrottleSettings(3, 3, Duration.ofMinutes(5), Duration.ofMinutes(1)));
    private final AdminAuthenticationFilter filter = new AdminAuthenticationFilter(accounts, throttle, new JsonMapper());
    private final AtomicInteger passed = new AtomicInteger();
    private final WebFilterChain chain = exchange -> {
        passed.incrementAndGet();
        return Mono.empty();
    };

    AdminAuthenticationFilterTest() {
        UserCredentials admin = UserCredentials.create("admin", PASSWORD, 4096);
        when(accounts.find("admin")).thenReturn(Mono.just(admin));
        when(accounts.isAdmin(anyString())).thenReturn(Mono.just(true));
    }

    private MockServerWebExchange request(String path, String user, String password) {
        MockServerHttpRequest.BaseBuilder<?> r = MockServerHttpRequest.get(path)
                .remoteAddress(new InetSocketAddress("198.51.100.4", 5555));
        if (user != null) {
            r.header(HttpHeaders.AUTHORIZATION, "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return MockServerWebExchange.from(r);
    }

    @Test
    void leavesActuatorAlone() {
        MockServerWebExchange exchange = request("/actuator/health", null, null);
        filter.filter(exchange, chain).block();
        assertThat(passed).hasValue(1);
    }

    @Test
    void challengesMissingCredentials() {
        MockServerWebExchange exchange = request("/api/v1/users", null, null);
        filter.filter(exchange, chain).block();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic realm=\"tandem\"");
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"status\":401");
        assertThat(passed).hasValue(0);
    }

    @Test
    void throttlesRepeatedFailuresWith429() {
        for (int i = 0; i < 3; i++) {
            MockServerWebExchange wrong = request("/api/v1/users", "admin", "guess-" + i);
            filter.filter(wrong, chain).block();
            assertThat(wrong.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        MockServerWebExchange blocked = request("/api/v1/users", "admin", PASSWORD);
        filter.filter(blocked, chain).block();
        assertThat(blocked.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(blocked.getResponse().getBodyAsString().block()).contains("\"status\":429");
        assertThat(passed).hasValue(0);
    }

    @Test
    void remembersVerifiedCredentials() {
        for (int i = 0; i < 3; i++) {
            MockServerWebExchange ok = request("/api/v1/users", "admin", PASSWORD);
            filter.filter(ok, chain).block();
            assertThat(ok.<String>getAttribute(AdminAuthenticationFilter.ADMIN_ATTRIBUTE)).isEqualTo("admin");
        }
        assertThat(passed).hasValue(3);
        verify(accounts, times(1)).find("admin");
    }

    @Test
    void forbidsNonAdmins() {
        when(accounts.find("bob")).thenReturn(Mono.just(UserCredentials.create("bob", PASSWORD, 4096)));
        when(accounts.isAdmin("bob")).thenReturn(Mono.just(false));
        MockServerWebExchange exchange = request("/api/v1/users", "bob", PASSWORD);
        filter.filter(exchange, chain).block();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(passed).hasValue(0);
    }
}
