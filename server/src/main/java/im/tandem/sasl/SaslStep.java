package im.tandem.sasl;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the server answers to one client message of a SASL exchange: a {@code <challenge/>},
 * a {@code <success/>} or a {@code <failure/>} (RFC 6120 sections 6.4.3 to 6.4.6). The caller
 * base64-encodes the bytes onto the wire.
 */
public sealed interface SaslStep {

    /** The exchange goes on: send this challenge and wait for the client's response. */
    record Challenge(byte[] data) implements SaslStep {
        public Challenge {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Challenge other && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Challenge[" + data.length + " bytes]";
        }
    }

    /**
     * The client is authenticated.
     *
     * @param username the canonical username of the account
     * @param additionalData sent inside {@code <success/>} (SCRAM's server signature), or null
     */
    record Success(String username, byte[] additionalData) implements SaslStep {
        public Success {
            Objects.requireNonNull(username, "username");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Success other && username.equals(other.username)
                    && Arrays.equals(additionalData, other.additionalData);
        }

        @Override
        public int hashCode() {
            return 31 * username.hashCode() + Arrays.hashCode(additionalData);
        }

        @Override
        public String toString() {
            return "Success[" + username + "]";
        }
    }

    /**
     * The attempt is over and failed.
     *
     * @param condition the RFC 6120 condition element
     * @param text a short human-readable explanation for the {@code <text/>} element, never
     *     revealing whether the account exists
     */
    record Failure(SaslFailure condition, String text) implements SaslStep {
        public Failure {
            Objects.requireNonNull(condition, "condition");
        }
    }
}
