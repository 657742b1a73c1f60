package im.tandem.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An account as stored.
 *
 * @param username     the localpart, already normalized by the caller
 * @param scramSha1    encoded SCRAM-SHA-1 credentials (opaque to the store)
 * @param scramSha256  encoded SCRAM-SHA-256 credentials (opaque to the store)
 * @param admin        may use the admin API and UI
 * @param hybrid       hybrid (interop) account
 * @param disabled     may not log in
 * @param createdAt    when the account was created (kept to the microsecond)
 */
public record StoredUser(String username, String scramSha1, String scramSha256,
                         boolean admin, boolean hybrid, boolean disabled, Instant createdAt) {

    public StoredUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(scramSha1, "scramSha1");
        Objects.requireNonNull(scramSha256, "scramSha256");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
