package im.tandem.sasl;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Stand-in credentials for usernames that have none, so that an unknown account looks like a
 * known one with a wrong password: a SCRAM client still gets a salt and an iteration count,
 * and PLAIN still costs a PBKDF2 run. The values derive from the username and a secret drawn
 * once per process, so asking twice about the same name returns the same salt, as it would for
 * a real account; nothing the client can send verifies against them.
 */
final class DecoyCredentials {

    private static final byte[] SECRET = new byte[32];

    static {
        new SecureRandom().nextBytes(SECRET);
    }

    private DecoyCredentials() {
    }

    static ScramCredentials forUsername(ScramAlgorithm algorithm, String username, int iterations) {
        byte[] salt = Arrays.copyOf(
                ScramAlgorithm.SHA_256.hmac(SECRET, label("salt", algorithm, username)),
                ScramCredentials.SALT_LENGTH);
        return new ScramCredentials(algorithm, salt, iterations,
                algorithm.hmac(SECRET, label("stored", algorithm, username)),
                algorithm.hmac(SECRET, label("server", algorithm, username)));
    }

    private static byte[] label(String purpose, ScramAlgorithm algorithm, String username) {
        return (purpose + '\0' + algorithm.name() + '\0' + username).getBytes(StandardCharsets.UTF_8);
    }
}
