package im.tandem.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

class ScramNegotiationTest {

    static final String DOMAIN = "example.com";
    private static final int ITERATIONS = 4096;
    private static final UserCredentials USER = UserCredentials.create("user", "pencil", ITERATIONS);

    private final CredentialLookup lookup = name -> name.equals("user") ? Mono.just(USER) : Mono.empty();

    @Test
    void rfc5802Sha1ExampleProducesExactServerMessages() {
        ScramCredentials sha1 = ScramCredentials.derive(ScramAlgorithm.SHA_1, "pencil",
                Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096);
        ScramNegotiation scram = new ScramNegotiation(ScramAlgorithm.SHA_1, false,
                name -> Mono.just(new UserCredentials("user", sha1, null, false)), DOMAIN, null,
                ITERATIONS, () -> "3rfcNHYJY1ZVvWVs7j");

        assertThat(text(respond(scram, "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL")))
                .isEqualTo("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
        SaslStep last = respond(scram,
                "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
        assertThat(last).isEqualTo(new SaslStep.Success("user",
                "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void rfc7677Sha256ExampleProducesExactServerMessages() {
        ScramCredentials sha256 = ScramCredentials.derive(ScramAlgorithm.SHA_256, "pencil",
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        ScramNegotiation scram = new ScramNegotiation(ScramAlgorithm.SHA_256, false,
                name -> Mono.just(new UserCredentials("user", null, sha256, false)), DOMAIN, null,
                ITERATIONS, () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");

        assertThat(text(respond(scram, "n,,n=user,r=rOprNGfwEbeRWgbNEkqO"))).isEqualTo(
                "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        SaslStep last = respond(scram, "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        assertThat(last).isEqualTo(new SaslStep.Success("user",
                "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void rightPasswordSucceedsWithBothAlgorithms() {
        for (ScramAlgorithm algorithm : ScramAlgorithm.values()) {
            SaslStep last = run(scram(algorithm), ScramTestClient.unbound(algorithm, "user"), "pencil");
            assertThat(last).isInstanceOfSatisfying(SaslStep.Success.class,
                    success -> assertThat(success.username()).isEqualTo("user"));
        }
    }

    @Test
    void wrongPasswordFailsNotAuthorized() {
        SaslStep last = run(scram(ScramAlgorithm.SHA_256), ScramTestClient.unbound(ScramAlgorithm.SHA_256, "user"), "pencl");
        assertThat(conditionOf(last)).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void unknownUserGetsAStableSaltAndTheUsualIterationsThenNotAuthorized() {
        String first = text(respond(scram(ScramAlgorithm.SHA_256), "n,,n=nobody,r=abc"));
        String again = text(respond(scram(ScramAlgorithm.SHA_256), "n,,n=nobody,r=abc"));
        String other = text(respond(scram(ScramAlgorithm.SHA_256), "n,,n=someone,r=abc"));

        assertThat(first).matches("r=abc[A-Za-z0-9+/]{32},s=[A-Za-z0-9+/]{22}==,i=4096");
        assertThat(salt(again)).isEqualTo(salt(first));
        assertThat(salt(other)).isNotEqualTo(salt(first));
        SaslStep last = run(scram(ScramAlgorithm.SHA_256), ScramTestClient.unbound(ScramAlgorithm.SHA_256, "nobody"), "pencil");
        assertThat(conditionOf(last)).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void knownUserLooksLikeUnknownOneOnTheWire() {
        String known = text(respond(scram(ScramAlgorithm.SHA_256), "n,,n=user,r=abc"));
        String unknown = text(respond(scram(ScramAlgorithm.SHA_256), "n,,n=nobody,r=abc"));
        String shape = "r=abc[A-Za-z0-9+/]{32},s=[A-Za-z0-9+/]{22}==,i=4096";
        assertThat(known).matches(shape);
        assertThat(unknown).matches(shape);
    }

    @Test
    void accountWithoutCredentialsForTheAlgorithmLooksUnknown() {
        UserCredentials sha256Only = new UserCredentials("user", null, USER.sha256(), false);
        ScramNegotiation scram = new ScramNegotiation(ScramAlgorithm.SHA_1, false, name -> Mono.just(sha256Only),
                DOMAIN, null);
        SaslStep last = run(scram, ScramTestClient.unbound(ScramAlgorithm.SHA_1, "user"), "pencil");
        assertThat(conditionOf(last)).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void tamperedNonceFailsNotAuthorized() {
        ScramNegotiation scram = scram(ScramAlgorithm.SHA_256);
        ScramTestClient client = ScramTestClient.unbound(ScramAlgorithm.SHA_256, "user");
        String serverFirst = text(scram.respond(client.clientFirst()).block());
        String nonce = ScramTestClient.attributes(serverFirst).get("r");

        SaslStep last = scram.respond(client.clientFinal("pencil", serverFirst, nonce + "x")).block();

        assertThat(conditionOf(last)).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void disabledAccountLearnsItOnlyWithTheRightPassword() {
        UserCredentials disabled = new UserCredentials("user", USER.sha1(), USER.sha256(), true);
        CredentialLookup lookupDisabled = name -> Mono.just(disabled);
        ScramTestClient client = ScramTestClient.unbound(ScramAlgorithm.SHA_1, "user");

        SaslStep right = run(new ScramNegotiation(ScramAlgorithm.SHA_1, false, lookupDisabled, DOMAIN, null), client, "pencil");
        SaslStep wrong = run(new ScramNegotiation(ScramAlgorithm.SHA_1, false, lookupDisabled, DOMAIN, null), client, "wrong");

        assertThat(conditionOf(right)).isEqualTo(SaslFailure.ACCOUNT_DISABLED);
        assertThat(conditionOf(wrong)).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void successReportsTheCanonicalUsernameAndLookupGetsDecodedEscapes() {
        AtomicReference<String> asked = new AtomicReference<>();
        UserCredentials stored = UserCredentials.create("A,b=c", "pencil", ITERATIONS);
        ScramNegotiation scram = new ScramNegotiation(ScramAlgorithm.SHA_256, false,
                name -> {
                    asked.set(name);
                    return Mono.just(stored);
                }, DOMAIN, null);

        SaslStep last = run(scram, ScramTestClient.unbound(ScramAlgorithm.SHA_256, "a=2Cb=3Dc"), "pencil");

        assertThat(asked.get()).isEqualTo("a,b=c");
        assertThat(last).isInstanceOfSatisfying(SaslStep.Success.class,
                success -> assertThat(success.username()).isEqualTo("A,b=c"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=user", "a=user@example.com", "a=USER@Example.COM"})
    void authzidNamingTheUserItselfIsAccepted(String authzid) {
        ScramTestClient client = new ScramTestClient(ScramAlgorithm.SHA_256, "n," + authzid + ",", new byte[0],
                "n=user,r=nonce");
        assertThat(run(scram(ScramAlgorithm.SHA_256), client, "pencil")).isInstanceOf(SaslStep.Success.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=admin", "a=user@elsewhere.org", "a=admin@example.com", "a=user@"})
    void authzidNamingAnyoneElseIsInvalid(String authzid) {
        SaslStep step = respond(scram(ScramAlgorithm.SHA_256), "n," + authzid + ",n=user,r=nonce");
        assertThat(conditionOf(step)).isEqualTo(SaslFailure.INVALID_AUTHZID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"n", "n,,", "n,,n=user", "n,,r=abc,n=user", "x,,n=user,r=abc", "n,,n=,r=abc",
        "n,,n=us=er,r=abc", "n,,n=user,r=", "n,,n=user,r=a b", "n,,m=ext,n=user,r=abc", "n,b=user,n=user,r=abc",
        "n,,n=user,r=abc,1=x", "p=,,n=user,r=abc", "p=tls-server-end-point,,n=user,r=abc", "n,,n=user\u0000,r=abc"})
    void malformedClientFirstFailsMalformedRequest(String message) {
        assertThat(conditionOf(respond(scram(ScramAlgorithm.SHA_256), message))).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "c=biws", "c=biws,r=x", "garbage", "c=!!!,r=x,p=AAAA", "c=biws,p=AAAA",
        "r=x,c=biws,p=AAAA", "c=biws,r=NONCE,p=not base64", "c=biws,r=NONCE,p=AAAA"})
    void malformedClientFinalFailsMalformedRequest(String template) {
        ScramNegotiation scram = scram(ScramAlgorithm.SHA_256);
        String nonce = ScramTestClient.attributes(text(respond(scram, "n,,n=user,r=abc"))).get("r");
        SaslStep last = respond(scram, template.replace("NONCE", nonce));
        assertThat(conditionOf(last)).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void invalidUtf8FailsMalformedRequest() {
        byte[] message = {'n', ',', ',', 'n', '=', (byte) 0xC3, ',', 'r', '=', 'a'};
        assertThat(conditionOf(scram(ScramAlgorithm.SHA_256).respond(message).block()))
                .isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void oversizedMessageFailsMalformedRequest() {
        String huge = "n,,n=user,r=" + "a".repeat(ScramNegotiation.MAX_MESSAGE_BYTES);
        assertThat(conditionOf(respond(scram(ScramAlgorithm.SHA_256), huge))).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void randomGarbageNeverThrows() {
        Random random = new Random(5802);
        for (int i = 0; i < 2000; i++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            ScramNegotiation midway = scram(ScramAlgorithm.SHA_1);
            midway.respond("n,,n=user,r=abc".getBytes(StandardCharsets.UTF_8)).block();
            assertThat(midway.respond(garbage).block()).isInstanceOf(SaslStep.Failure.class);
            assertThat(scram(ScramAlgorithm.SHA_1).respond(garbage).block()).isNotNull();
        }
    }

    @Test
    void emptyInitialResponseIsAnsweredWithOneEmptyChallenge() {
        ScramNegotiation scram = scram(ScramAlgorithm.SHA_256);
        assertThat(scram.respond(new byte[0]).block()).isEqualTo(new SaslStep.Challenge(new byte[0]));
        assertThat(conditionOf(scram.respond(new byte[0]).block())).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void emptyInitialResponseThenClientFirstSucceeds() {
        ScramNegotiation scram = scram(ScramAlgorithm.SHA_256);
        scram.respond(null).block();
        assertThat(run(scram, ScramTestClient.unbound(ScramAlgorithm.SHA_256, "user"), "pencil"))
                .isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void messagesAfterTheEndAreRefused() {
        ScramNegotiation scram = scram(ScramAlgorithm.SHA_256);
        run(scram, ScramTestClient.unbound(ScramAlgorithm.SHA_256, "user"), "pencil");
        assertThat(respond(scram, "n,,n=user,r=abc")).isInstanceOf(SaslStep.Failure.class);
    }

    @Test
    void lookupErrorIsTemporaryAuthFailure() {
        ScramNegotiation failing = new ScramNegotiation(ScramAlgorithm.SHA_256, false,
                name -> Mono.error(new IllegalStateException("database down")), DOMAIN, null);
        ScramNegotiation throwing = new ScramNegotiation(ScramAlgorithm.SHA_256, false,
                name -> {
                    throw new IllegalStateException("bug");
                }, DOMAIN, null);
        assertThat(conditionOf(respond(failing, "n,,n=user,r=abc"))).isEqualTo(SaslFailure.TEMPORARY_AUTH_FAILURE);
        assertThat(conditionOf(respond(throwing, "n,,n=user,r=abc"))).isEqualTo(SaslFailure.TEMPORARY_AUTH_FAILURE);
    }

    @Test
    void nothingHappensUntilSubscribed() {
        AtomicReference<String> asked = new AtomicReference<>();
        ScramNegotiation scram = new ScramNegotiation(ScramAlgorithm.SHA_256, false,
                name -> {
                    asked.set(name);
                    return Mono.empty();
                }, DOMAIN, null);
        Mono<SaslStep> pending = scram.respond("n,,n=user,r=abc".getBytes(StandardCharsets.UTF_8));
        assertThat(asked.get()).isNull();
        pending.block();
        assertThat(asked.get()).isEqualTo("user");
    }

    static SaslStep run(SaslNegotiation negotiation, ScramTestClient client, String password) {
        SaslStep first = negotiation.respond(client.clientFirst()).block();
        if (!(first instanceof SaslStep.Challenge challenge)) {
            return first;
        }
        return negotiation.respond(client.clientFinal(password, challenge.data())).block();
    }

    static SaslStep respond(SaslNegotiation negotiation, String message) {
        return negotiation.respond(message.getBytes(StandardCharsets.UTF_8)).block();
    }

    static String text(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Challenge.class);
        return new String(((SaslStep.Challenge) step).data(), StandardCharsets.UTF_8);
    }

    /** The failure condition of a step, or null if it is no failure. */
    static SaslFailure conditionOf(SaslStep step) {
        return step instanceof SaslStep.Failure failure ? failure.condition() : null;
    }

    private static String salt(String serverFirst) {
        return ScramTestClient.attributes(serverFirst).get("s");
    }

    private ScramNegotiation scram(ScramAlgorithm algorithm) {
        return new ScramNegotiation(algorithm, false, lookup, DOMAIN, null);
    }
}
