package im.tandem.sasl;

import static im.tandem.sasl.ScramNegotiationTest.conditionOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class PlainNegotiationTest {

    private static final UserCredentials JULIET = UserCredentials.create("Juliet", "r0m30myr0m30", 4096);
    private static final CredentialLookup LOOKUP =
            name -> name.equalsIgnoreCase("juliet") ? Mono.just(JULIET) : Mono.empty();

    @Test
    void rightPasswordSucceedsWithTheCanonicalUsername() {
        assertThat(plain("\0juliet\0r0m30myr0m30")).isEqualTo(new SaslStep.Success("Juliet", null));
    }

    @Test
    void authzidOfTheUserItselfIsAccepted() {
        assertThat(plain("juliet\0juliet\0r0m30myr0m30")).isInstanceOf(SaslStep.Success.class);
        assertThat(plain("juliet@example.com\0juliet\0r0m30myr0m30")).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void authzidOfSomeoneElseIsInvalid() {
        assertThat(conditionOf(plain("romeo@example.com\0juliet\0r0m30myr0m30")))
                .isEqualTo(SaslFailure.INVALID_AUTHZID);
    }

    @Test
    void wrongPasswordAndUnknownUserFailAlike() {
        SaslStep wrong = plain("\0juliet\0romeo");
        SaslStep unknown = plain("\0romeo\0r0m30myr0m30");
        assertThat(wrong).isEqualTo(new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, "authentication failed"));
        assertThat(unknown).isEqualTo(wrong);
    }

    @Test
    void disabledAccountLearnsItOnlyWithTheRightPassword() {
        UserCredentials disabled = new UserCredentials("juliet", JULIET.sha1(), JULIET.sha256(), true);
        CredentialLookup lookup = name -> Mono.just(disabled);
        assertThat(conditionOf(respond(new PlainNegotiation(lookup, "example.com"), "\0juliet\0r0m30myr0m30")))
                .isEqualTo(SaslFailure.ACCOUNT_DISABLED);
        assertThat(conditionOf(respond(new PlainNegotiation(lookup, "example.com"), "\0juliet\0nope")))
                .isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void fallsBackToSha1CredentialsWhenThereAreNoSha256Ones() {
        UserCredentials legacy = new UserCredentials("juliet", JULIET.sha1(), null, false);
        SaslStep step = respond(new PlainNegotiation(name -> Mono.just(legacy), "example.com"), "\0juliet\0r0m30myr0m30");
        assertThat(step).isInstanceOf(SaslStep.Success.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"juliet", "\0juliet", "juliet\0r0m30myr0m30", "\0\0r0m30myr0m30", "\0juliet\0",
        "\0juliet\0r0m30\0extra"})
    void malformedMessagesFailMalformedRequest(String message) {
        assertThat(conditionOf(plain(message))).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void oversizedAndInvalidUtf8MessagesFailMalformedRequest() {
        String oversized = "\0juliet\0" + "x".repeat(PlainNegotiation.MAX_MESSAGE_BYTES);
        assertThat(conditionOf(plain(oversized))).isEqualTo(SaslFailure.MALFORMED_REQUEST);
        byte[] invalid = {0, 'j', 0, (byte) 0xFF, (byte) 0xFE};
        assertThat(conditionOf(new PlainNegotiation(LOOKUP, "example.com").respond(invalid).block()))
                .isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void missingInitialResponseGetsAnEmptyChallengeThenAnEmptyMessageIsMalformed() {
        PlainNegotiation plain = new PlainNegotiation(LOOKUP, "example.com");
        assertThat(plain.respond(new byte[0]).block()).isEqualTo(new SaslStep.Challenge(new byte[0]));
        assertThat(conditionOf(plain.respond(new byte[0]).block())).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void credentialsAfterAnEmptyChallengeSucceed() {
        PlainNegotiation plain = new PlainNegotiation(LOOKUP, "example.com");
        plain.respond(new byte[0]).block();
        assertThat(respond(plain, "\0juliet\0r0m30myr0m30")).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void lookupErrorIsTemporaryAuthFailure() {
        PlainNegotiation plain = new PlainNegotiation(name -> Mono.error(new IllegalStateException()), "example.com");
        assertThat(conditionOf(respond(plain, "\0juliet\0r0m30myr0m30"))).isEqualTo(SaslFailure.TEMPORARY_AUTH_FAILURE);
    }

    @Test
    void secondMessageIsRefused() {
        PlainNegotiation plain = new PlainNegotiation(LOOKUP, "example.com");
        respond(plain, "\0juliet\0r0m30myr0m30");
        assertThat(conditionOf(respond(plain, "\0juliet\0r0m30myr0m30"))).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    private static SaslStep plain(String message) {
        return respond(new PlainNegotiation(LOOKUP, "example.com"), message);
    }

    private static SaslStep respond(PlainNegotiation negotiation, String message) {
        return negotiation.respond(message.getBytes(StandardCharsets.UTF_8)).block();
    }
}
