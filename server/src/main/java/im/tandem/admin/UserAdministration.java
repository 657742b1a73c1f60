package im.tandem.admin;

import im.tandem.account.Account;
import im.tandem.account.AccountException;
import im.tandem.account.AccountService;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.stanza.StreamError;
import im.tandem.stanza.StreamErrorCondition;
import im.tandem.config.TandemProperties;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Account changes made by an administrator, over REST or ad-hoc commands alike: each one is
 * audited, and removing or disabling an account ends its sessions.
 */
@Service
public class UserAdministration {

    /** The wanted state of an account; null fields stay as they are. */
    public record Changes(String password, Boolean admin, Boolean hybrid, Boolean disabled) {
    }

    private final AccountService accounts;
    private final SessionRegistry sessions;
    private final AdminAudit audit;
    private final String domain;

    public UserAdministration(AccountService accounts, SessionRegistry sessions, AdminAudit audit,
                              TandemProperties tandem) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.audit = audit;
        this.domain = tandem.domain();
    }

    public Mono<Account> create(String actor, String source, String username, String password, boolean admin,
                                boolean hybrid) {
        return accounts.create(username, password, admin)
                .flatMap(created -> hybrid
                        ? accounts.updateFlags(created.username(), created.admin(), true, false)
                                .then(accounts.account(created.username()))
                        : Mono.just(created))
                .flatMap(created -> audit.record(actor, "user.create", created.username(),
                        "admin=" + admin + " hybrid=" + hybrid, source).thenReturn(created));
    }

    /** Applies the changes; errors with NOT_FOUND when there is no such account. */
    public Mono<Account> update(String actor, String source, String username, Changes changes) {
        return accounts.account(username)
                .switchIfEmpty(Mono.error(() -> notFound(username)))
                .flatMap(current -> {
                    Mono<Boolean> password = changes.password() == null ? Mono.just(true)
                            : accounts.changePassword(current.username(), changes.password());
                    boolean admin = changes.admin() == null ? current.admin() : changes.admin();
                    boolean hybrid = changes.hybrid() == null ? current.hybrid() : changes.hybrid();
                    boolean disabled = changes.disabled() == null ? current.disabled() : changes.disabled();
                    return password
                            .then(accounts.updateFlags(current.username(), admin, hybrid, disabled))
                            .doOnNext(ok -> {
                                if (disabled && !current.disabled()) {
                                    closeSessions(current.username(), "account disabled");
                                }
                            })
                            .then(audit.record(actor, "user.update", current.username(),
                                    describe(changes), source))
                            .then(accounts.account(current.username()));
                });
    }

    /** Deletes the account and closes its sessions; errors with NOT_FOUND when there is none. */
    public Mono<Void> delete(String actor, String source, String username) {
        return Mono.defer(() -> {
            String name = AccountService.normalizeUsername(username);
            return accounts.delete(name).flatMap(deleted -> {
                if (!deleted) {
                    return Mono.error(notFound(name));
                }
                closeSessions(name, "account deleted");
                return audit.record(actor, "user.delete", name, null, source);
            });
        });
    }

    private void closeSessions(String username, String why) {
        for (ClientSession s : sessions.sessionsOf(Jid.of(username, domain, null))) {
            s.close(StreamError.of(StreamErrorCondition.NOT_AUTHORIZED, why));
        }
    }

    private static AccountException notFound(String username) {
        return new AccountException(AccountException.Reason.NOT_FOUND, "no account " + username);
    }

    private static String describe(Changes c) {
        StringBuilder s = new StringBuilder();
        if (c.password() != null) {
            s.append("password=changed ");
        }
        if (c.admin() != null) {
            s.append("admin=").append(c.admin()).append(' ');
        }
        if (c.hybrid() != null) {
            s.append("hybrid=").append(c.hybrid()).append(' ');
        }
        if (c.disabled() != null) {
            s.append("disabled=").append(c.disabled());
        }
        return s.toString().strip();
    }
}
