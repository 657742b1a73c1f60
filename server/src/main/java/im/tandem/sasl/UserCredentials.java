package im.tandem.sasl;

import java.util.Objects;

/**
 * An account as authentication sees it: its canonical username, its SCRAM credentials for each
 * hash function, and whether an administrator has disabled it.
 *
 * @param username canonical username (the localpart of the bare JID), reported on success
 * @param sha1 credentials for SCRAM-SHA-1, or null if the account has none
 * @param sha256 credentials for SCRAM-SHA-256, or null if the account has none
 * @param disabled true if the account may not log in even with the right password
 */
public record UserCredentials(String username, ScramCredentials sha1, ScramCredentials sha256,
        boolean disabled) {

    public UserCredentials {
        Objects.requireNonNull(username, "username");
    }

    /** Derives SHA-1 and SHA-256 credentials for a new, enabled account. */
    public static UserCredentials create(String username, String password, int iterations) {
        return new UserCredentials(username,
                ScramCredentials.derive(ScramAlgorithm.SHA_1, password, iterations),
                ScramCredentials.derive(ScramAlgorithm.SHA_256, password, iterations),
                false);
    }

    /** The credentials for one hash function, or null if the account has none. */
    public ScramCredentials forAlgorithm(ScramAlgorithm algorithm) {
        return algorithm == ScramAlgorithm.SHA_256 ? sha256 : sha1;
    }

    /** The strongest credentials the account has, or null if it has none. */
    public ScramCredentials strongest() {
        return sha256 != null ? sha256 : sha1;
    }
}
