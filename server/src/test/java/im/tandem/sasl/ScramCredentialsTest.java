package im.tandem.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScramCredentialsTest {

    @Test
    void encodeDecodeRoundTrips() {
        for (ScramAlgorithm algorithm : ScramAlgorithm.values()) {
            ScramCredentials credentials = ScramCredentials.derive(algorithm, "pencil", 4096);
            String encoded = credentials.encode();

            assertThat(encoded).matches("4096:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+");
            assertThat(ScramCredentials.decode(algorithm, encoded)).isEqualTo(credentials)
                    .hasSameHashCodeAs(credentials);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4096", "4096:AAAA:AAAA", "x:AAAA:AAAA:AAAA", "4096:!!:AAAA:AAAA",
        "4096:c2FsdA==:AAAA:AAAA", "0:c2FsdA==:AAAAAAAAAAAAAAAAAAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAAAAAAA="})
    void decodeRejectsBrokenText(String encoded) {
        assertThatThrownBy(() -> ScramCredentials.decode(ScramAlgorithm.SHA_1, encoded))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verifyPasswordAcceptsOnlyTheRightPassword() {
        ScramCredentials credentials = ScramCredentials.derive(ScramAlgorithm.SHA_256, "correct horse", 4096);
        assertThat(credentials.verifyPassword("correct horse")).isTrue();
        assertThat(credentials.verifyPassword("correct horse ")).isFalse();
        assertThat(credentials.verifyPassword("")).isFalse();
        assertThat(credentials.verifyPassword(null)).isFalse();
    }

    @Test
    void passwordsArePreparedBeforeHashing() {
        ScramCredentials credentials = ScramCredentials.derive(ScramAlgorithm.SHA_256, "IX", 4096);
        // RFC 4013 section 3 examples: soft hyphen maps to nothing, U+2168 ROMAN NUMERAL NINE to "IX".
        assertThat(credentials.verifyPassword("I\u00ADX")).isTrue();
        assertThat(credentials.verifyPassword("\u2168")).isTrue();
        ScramCredentials spaced = ScramCredentials.derive(ScramAlgorithm.SHA_256, "a b", 4096);
        assertThat(spaced.verifyPassword("a\u00A0b")).isTrue();
    }

    @Test
    void controlCharactersAreProhibited() {
        assertThatThrownBy(() -> ScramCredentials.derive(ScramAlgorithm.SHA_1, "a\u0007b", 4096))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScramCredentials.derive(ScramAlgorithm.SHA_1, "\u00AD", 4096))
                .isInstanceOf(IllegalArgumentException.class);
        ScramCredentials credentials = ScramCredentials.derive(ScramAlgorithm.SHA_1, "ab", 4096);
        assertThat(credentials.verifyPassword("a\u0000b")).isFalse();
    }

    @Test
    void eachDerivationHasItsOwnSalt() {
        ScramCredentials one = ScramCredentials.derive(ScramAlgorithm.SHA_256, "pencil", 4096);
        ScramCredentials two = ScramCredentials.derive(ScramAlgorithm.SHA_256, "pencil", 4096);
        assertThat(one.salt()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(one).isNotEqualTo(two);
        assertThat(one.salt()).isNotEqualTo(two.salt());
    }

    @Test
    void arraysCannotBeChangedFromOutside() {
        ScramCredentials credentials = ScramCredentials.derive(ScramAlgorithm.SHA_1, "pencil", 4096);
        credentials.storedKey()[0] ^= 1;
        assertThat(credentials.verifyPassword("pencil")).isTrue();
    }

    @Test
    void toStringLeavesOutTheKeys() {
        ScramCredentials credentials = ScramCredentials.derive(ScramAlgorithm.SHA_1, "pencil", 4096);
        assertThat(credentials.toString()).isEqualTo("ScramCredentials[SHA_1, iterations=4096]");
    }

    @Test
    void userCredentialsCreateDerivesBothAlgorithms() {
        UserCredentials user = UserCredentials.create("juliet", "pencil", 5000);
        assertThat(user.sha1().algorithm()).isEqualTo(ScramAlgorithm.SHA_1);
        assertThat(user.sha256().algorithm()).isEqualTo(ScramAlgorithm.SHA_256);
        assertThat(user.sha256().iterations()).isEqualTo(5000);
        assertThat(user.sha1().verifyPassword("pencil")).isTrue();
        assertThat(user.disabled()).isFalse();
    }

    @Test
    void failureConditionsUseTheirRfc6120ElementNames() {
        assertThat(SaslFailure.values()).hasSize(11);
        assertThat(SaslFailure.TEMPORARY_AUTH_FAILURE.elementName()).isEqualTo("temporary-auth-failure");
        assertThat(SaslFailure.INVALID_AUTHZID.elementName()).isEqualTo("invalid-authzid");
    }
}
