package im.tandem.admin;

import im.tandem.account.Account;
import im.tandem.account.AccountException;
import im.tandem.account.AccountService;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/** {@code /api/v1/users}: list, create, read, change and delete accounts. Never shows credentials. */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
public class UsersController {

    static final int MAX_LIMIT = 500;

    /** One account in the API. */
    public record UserView(String username, String jid, boolean admin, boolean hybrid, boolean disabled,
                           Instant createdAt) {
    }

    /** A page of accounts. */
    public record UserPage(long total, long offset, int limit, List<UserView> users) {
    }

    /** Body of {@code POST}. */
    public record NewUser(String username, String password, Boolean admin, Boolean hybrid) {
    }

    /** Body of {@code PUT}; absent fields stay unchanged. */
    public record UserChanges(String password, Boolean admin, Boolean hybrid, Boolean disabled) {
    }

    private final AccountService accounts;
    private final UserAdministration administration;
    private final String domain;

    public UsersController(AccountService accounts, UserAdministration administration,
                           im.tandem.config.TandemProperties tandem) {
        this.accounts = accounts;
        this.administration = administration;
        this.domain = tandem.domain();
    }

    @GetMapping
    public Mono<UserPage> list(@RequestParam(defaultValue = "0") long offset,
                               @RequestParam(defaultValue = "100") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            return Mono.error(new ServerWebInputException(
                    "offset must be at least 0 and limit between 1 and " + MAX_LIMIT));
        }
        return accounts.count().zipWith(accounts.list(offset, limit).map(this::view).collectList())
                .map(t -> new UserPage(t.getT1(), offset, limit, t.getT2()));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<UserView>> create(@RequestBody NewUser body, ServerWebExchange exchange) {
        if (body.username() == null || body.password() == null) {
            return Mono.error(new ServerWebInputException("username and password are required"));
        }
        return administration.create(actor(exchange), source(exchange), body.username(), body.password(),
                        Boolean.TRUE.equals(body.admin()), Boolean.TRUE.equals(body.hybrid()))
                .map(a -> ResponseEntity.created(URI.create("/api/v1/users/" + a.username())).body(view(a)));
    }

    @GetMapping("/{username}")
    public Mono<UserView> get(@PathVariable String username) {
        return accounts.account(username).switchIfEmpty(Mono.error(() -> notFound(username))).map(this::view);
    }

    @PutMapping(path = "/{username}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<UserView> update(@PathVariable String username, @RequestBody UserChanges body,
                                 ServerWebExchange exchange) {
        if (isSelf(username, exchange) && (Boolean.FALSE.equals(body.admin()) || Boolean.TRUE.equals(body.disabled()))) {
            return Mono.error(selfLockout());
        }
        return administration.update(actor(exchange), source(exchange), username,
                        new UserAdministration.Changes(body.password(), body.admin(), body.hybrid(), body.disabled()))
                .map(this::view);
    }

    @DeleteMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> delete(@PathVariable String username, ServerWebExchange exchange) {
        if (isSelf(username, exchange)) {
            return Mono.error(selfLockout());
        }
        return administration.delete(actor(exchange), source(exchange), username);
    }

    private UserView view(Account a) {
        return new UserView(a.username(), a.username() + "@" + domain, a.admin(), a.hybrid(), a.disabled(),
                a.createdAt());
    }

    static String actor(ServerWebExchange exchange) {
        String admin = exchange.getAttribute(AdminAuthenticationFilter.ADMIN_ATTRIBUTE);
        return admin == null ? "unknown" : admin;
    }

    static String source(ServerWebExchange exchange) {
        String address = AdminAuthenticationFilter.sourceAddress(exchange);
        return "api:" + (address == null ? "unknown" : address);
    }

    /** Whether the request is about the admin's own account, which it must not lock itself out of. */
    private static boolean isSelf(String username, ServerWebExchange exchange) {
        try {
            return AccountService.normalizeUsername(username).equals(actor(exchange));
        } catch (AccountException e) {
            return false;
        }
    }

    private static ResponseStatusException selfLockout() {
        return new ResponseStatusException(HttpStatus.CONFLICT,
                "an administrator cannot delete, disable or demote its own account");
    }

    private static AccountException notFound(String username) {
        return new AccountException(AccountException.Reason.NOT_FOUND, "no account " + username);
    }
}
