package im.tandem.account;

import im.tandem.routing.UserDirectory;
import im.tandem.sasl.CredentialLookup;
import im.tandem.sasl.ScramAlgorithm;
import im.tandem.sasl.ScramCredentials;
import im.tandem.sasl.UserCredentials;
import im.tandem.stanza.Jid;
import im.tandem.stanza.JidFormatException;
import im.tandem.store.StoredUser;
import im.tandem.store.UserStore;
import java.time.Instant;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import im.tandem.config.LazyBeans;
import org.springframework.beans.factory.ObjectProvider;
import reactor.core.scheduler.Schedulers;

/**
 * Accounts of this server. Passwords never reach the store: only SCRAM-SHA-1 and
 * SCRAM-SHA-256 salted keys do. Usernames are normalized as JID localparts, so
 * {@code Alice} and {@code alice} are one account.
 */
@Service
public class AccountService implements CredentialLookup, UserDirectory {

    private final LazyBeans<AccountListener> listeners;

    private final UserStore users;
    private final AccountProperties properties;

    public AccountService(UserStore users, AccountProperties properties, ObjectProvider<AccountListener> listeners) {
        this.listeners = LazyBeans.of(listeners);
        this.users = users;
        this.properties = properties;
    }

    /** The username as stored, or an {@link AccountException} when it cannot be a JID localpart. */
    public static String normalizeUsername(String username) {
        try {
            if (username == null) {
                throw new JidFormatException("username is missing");
            }
            return Jid.normalizeLocal(username);
        } catch (JidFormatException e) {
            throw new AccountException(AccountException.Reason.INVALID_USERNAME, "invalid username: " + e.getMessage());
        }
    }

    /** Creates an account; errors with {@link AccountException} (EXISTS, INVALID_USERNAME, WEAK_PASSWORD). */
    public Mono<Account> create(String username, String password, boolean admin) {
        return Mono.defer(() -> {
            String name = normalizeUsername(username);
            checkPassword(password);
            return derive(name, password)
                    .flatMap(c -> users.create(new StoredUser(name, c.sha1().encode(), c.sha256().encode(), admin,
                            false, false, Instant.now())))
                    .flatMap(created -> created ? account(name)
                            : Mono.error(new AccountException(AccountException.Reason.EXISTS,
                                    "account " + name + " already exists")))
                    .doOnNext(a -> changed(name));
        });
    }

    public Mono<Account> account(String username) {
        return Mono.defer(() -> users.find(normalizeUsername(username))).map(AccountService::toAccount);
    }

    public Flux<Account> list(long offset, int limit) {
        return users.list(offset, limit).map(AccountService::toAccount);
    }

    public Mono<Long> count() {
        return users.count();
    }

    /** Replaces the password; empty when there is no such account. */
    public Mono<Boolean> changePassword(String username, String password) {
        return Mono.defer(() -> {
            String name = normalizeUsername(username);
            checkPassword(password);
            return derive(name, password)
                    .flatMap(c -> users.updateCredentials(name, c.sha1().encode(), c.sha256().encode()));
        });
    }

    /** Sets the flags; false when there is no such account. */
    public Mono<Boolean> updateFlags(String username, boolean admin, boolean hybrid, boolean disabled) {
        return Mono.defer(() -> {
            String name = normalizeUsername(username);
            return users.updateFlags(name, admin, hybrid, disabled).doOnNext(done -> changed(name));
        });
    }

    /** Deletes the account and everything it owns; false when there was none. */
    public Mono<Boolean> delete(String username) {
        return Mono.defer(() -> {
            String name = normalizeUsername(username);
            return users.delete(name).doOnNext(done -> changed(name));
        });
    }

    /** Whether the username and password belong to an enabled admin account (HTTP Basic). */
    public Mono<Boolean> verifyAdmin(String username, String password) {
        return Mono.defer(() -> users.find(normalizeUsername(username)))
                .publishOn(Schedulers.parallel())
                .map(u -> u.admin() && !u.disabled()
                        && ScramCredentials.decode(ScramAlgorithm.SHA_256, u.scramSha256()).verifyPassword(password))
                .onErrorReturn(false)
                .defaultIfEmpty(false);
    }

    public Mono<Boolean> isAdmin(String username) {
        return account(username).map(a -> a.admin() && !a.disabled()).onErrorReturn(false).defaultIfEmpty(false);
    }

    /** SASL's view of an account: its stored SCRAM keys. */
    @Override
    public Mono<UserCredentials> find(String username) {
        String name;
        try {
            name = Jid.normalizeLocal(username);
        } catch (JidFormatException e) {
            return Mono.empty();
        }
        return users.find(name).map(u -> new UserCredentials(u.username(),
                ScramCredentials.decode(ScramAlgorithm.SHA_1, u.scramSha1()),
                ScramCredentials.decode(ScramAlgorithm.SHA_256, u.scramSha256()), u.disabled()));
    }

    @Override
    public Mono<Boolean> exists(String username) {
        return users.find(username).hasElement();
    }

    private void changed(String username) {
        for (AccountListener listener : listeners.get()) {
            try {
                listener.accountChanged(username);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(AccountService.class).warn("{} failed on a change of {}",
                        listener.getClass().getSimpleName(), username, e);
            }
        }
    }

    private void checkPassword(String password) {
        if (password == null || password.codePointCount(0, password.length()) < properties.minPasswordLength()) {
            throw new AccountException(AccountException.Reason.WEAK_PASSWORD,
                    "password must have at least " + properties.minPasswordLength() + " characters");
        }
        if (password.length() > 1024) {
            throw new AccountException(AccountException.Reason.WEAK_PASSWORD, "password is longer than 1024 characters");
        }
    }

    /** PBKDF2 costs milliseconds of CPU: never on an event loop. */
    private Mono<UserCredentials> derive(String username, String password) {
        return Mono.fromCallable(() -> UserCredentials.create(username, password, properties.scramIterations()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static Account toAccount(StoredUser u) {
        return new Account(u.username(), u.admin(), u.hybrid(), u.disabled(), u.createdAt());
    }
}
