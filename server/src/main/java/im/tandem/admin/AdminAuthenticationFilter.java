package im.tandem.admin;

import im.tandem.account.AccountService;
import im.tandem.sasl.LoginThrottle;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP Basic authentication of admin accounts for everything under {@code /api/}: missing or
 * wrong credentials get 401 with a challenge, a valid non-admin account 403, an address with
 * too many failures 429 (the same throttle as XMPP logins). Successful checks are remembered
 * for {@link #CACHE_TTL}, keyed by a hash of the credentials, so that each request does not
 * pay for PBKDF2; a changed password or role therefore takes effect within that time.
 * Actuator, the admin UI's static files and the file upload paths ({@code /upload/}) are not covered.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AdminAuthenticationFilter implements WebFilter {

    /** Exchange attribute holding the authenticated admin's username. */
    public static final String ADMIN_ATTRIBUTE = AdminAuthenticationFilter.class.getName() + ".admin";

    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final int CACHE_MAX = 1024;
    private static final String CHALLENGE = "Basic realm=\"tandem\", charset=\"UTF-8\"";

    private record Verified(String username, long expiresAt) {
    }

    private enum Outcome { OK, BAD_CREDENTIALS, NOT_ADMIN }

    private final AccountService accounts;
    private final LoginThrottle throttle;
    private final JsonMapper json;
    private final ConcurrentMap<String, Verified> verified = new ConcurrentHashMap<>();

    public AdminAuthenticationFilter(AccountService accounts, LoginThrottle throttle, JsonMapper json) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.json = json;
    }

    /**
     * Deny by default: only the actuator endpoints (probes and scraping) are open. Checking the
     * raw path against an allow-list, and refusing encoded or parameterised segments there,
     * means no spelling of an API path ({@code /api;x/...}, {@code /%61pi/...}) that Spring
     * would still map to a controller can slip past as "not an API path".
     */
    static boolean isPublic(String rawPath) {
        if (rawPath.indexOf(';') >= 0 || rawPath.indexOf('%') >= 0 || rawPath.contains("..")) {
            return false;
        }
        // HTTP File Upload (XEP-0363): the slot's signature and unguessable id are the authority there
        return rawPath.equals("/actuator") || rawPath.startsWith("/actuator/") || rawPath.startsWith("/upload/");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (isPublic(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        String address = sourceAddress(exchange);
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String[] credentials = parseBasic(header);
        if (credentials == null) {
            return unauthorized(exchange, "admin credentials required (HTTP Basic)");
        }
        String username = credentials[0];
        String key = cacheKey(header);
        Verified hit = verified.get(key);
        if (hit != null && hit.expiresAt() - System.nanoTime() > 0) {
            // proven recently: a lockout caused by someone else's guesses does not lock out the admin
            exchange.getAttributes().put(ADMIN_ATTRIBUTE, hit.username());
            return chain.filter(exchange);
        }
        if (throttle.isBlocked(username, address)) {
            return AdminProblems.write(exchange, json, HttpStatus.TOO_MANY_REQUESTS,
                    "too many failed logins; try again later");
        }
        return verify(username, credentials[1]).flatMap(outcome -> switch (outcome) {
            case OK -> {
                String admin = AccountService.normalizeUsername(username);
                throttle.recordSuccess(username, address);
                if (verified.size() >= CACHE_MAX) {
                    verified.clear();
                }
                verified.put(key, new Verified(admin, System.nanoTime() + CACHE_TTL.toNanos()));
                exchange.getAttributes().put(ADMIN_ATTRIBUTE, admin);
                yield chain.filter(exchange);
            }
            case NOT_ADMIN -> AdminProblems.write(exchange, json, HttpStatus.FORBIDDEN,
                    "this account is not an administrator");
            case BAD_CREDENTIALS -> {
                throttle.recordFailure(username, address);
                yield unauthorized(exchange, "wrong username or password");
            }
        });
    }

    private Mono<Outcome> verify(String username, String password) {
        return accounts.find(username)
                .publishOn(Schedulers.boundedElastic())
                .filter(c -> !c.disabled() && c.sha256().verifyPassword(password))
                .flatMap(c -> accounts.isAdmin(c.username()).map(admin -> admin ? Outcome.OK : Outcome.NOT_ADMIN))
                .defaultIfEmpty(Outcome.BAD_CREDENTIALS)
                .onErrorReturn(Outcome.BAD_CREDENTIALS);
    }

    private Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        return AdminProblems.write(exchange, json, HttpStatus.UNAUTHORIZED, detail);
    }

    /** Username and password of a Basic header, or null when there is none or it is malformed. */
    static String[] parseBasic(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String sourceAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return null;
        }
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }

    private static String cacheKey(String header) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(header.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
