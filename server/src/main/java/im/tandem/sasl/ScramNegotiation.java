package im.tandem.sasl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The server side of SCRAM (RFC 5802, RFC 7677) for one authentication attempt, with or without
 * channel binding ({@code -PLUS}).
 *
 * <p>Exchange: client-first-message, answered with the server-first-message as a challenge;
 * client-final-message, answered with success carrying {@code v=ServerSignature}, or a failure.
 *
 * <p>An unknown username is not revealed: the exchange runs on {@link DecoyCredentials} and ends
 * in {@code not-authorized}, like a wrong password. A disabled account likewise only learns it is
 * disabled after proving the password.
 */
public final class ScramNegotiation implements SaslNegotiation {

    private String claimedUsername;

    /** Upper bound on a client message; real ones are around a hundred bytes. */
    static final int MAX_MESSAGE_BYTES = 4096;

    private static final int SERVER_NONCE_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum State { AWAIT_CLIENT_FIRST, AWAIT_CLIENT_FINAL, FINISHED }

    private final ScramAlgorithm algorithm;
    private final boolean plus;
    private final CredentialLookup lookup;
    private final String domain;
    private final ChannelBinding binding;
    private final int decoyIterations;
    private final Supplier<String> serverNonces;

    // Touched by one message at a time, but possibly from different threads in turn.
    private volatile State state = State.AWAIT_CLIENT_FIRST;
    private volatile boolean askedForInitialResponse;
    private volatile ScramClientFirst clientFirst;
    private volatile String combinedNonce;
    private volatile String serverFirst;
    private volatile UserCredentials account;
    private volatile ScramCredentials credentials;

    /**
     * @param algorithm the hash function of the mechanism
     * @param plus true for the {@code -PLUS} variant, which requires {@code binding}
     * @param lookup where accounts are found
     * @param domain this server's XMPP domain, accepted in an authzid {@code username@domain};
     *     null to accept only a bare username
     * @param binding the channel binding of the connection, or null if it has none; when given,
     *     a client claiming the server cannot bind ({@code y}) is refused as a downgrade
     */
    public ScramNegotiation(ScramAlgorithm algorithm, boolean plus, CredentialLookup lookup,
            String domain, ChannelBinding binding) {
        this(algorithm, plus, lookup, domain, binding, ScramCredentials.DEFAULT_ITERATIONS,
                ScramNegotiation::randomNonce);
    }

    /**
     * @param decoyIterations iteration count shown for unknown usernames; should equal the one
     *     accounts are created with
     * @param serverNonces source of the server's nonce part; tests inject the RFC examples
     */
    ScramNegotiation(ScramAlgorithm algorithm, boolean plus, CredentialLookup lookup, String domain,
            ChannelBinding binding, int decoyIterations, Supplier<String> serverNonces) {
        if (plus && binding == null) {
            throw new IllegalArgumentException(algorithm.plusMechanismName() + " needs channel binding data");
        }
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.plus = plus;
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.domain = domain;
        this.binding = binding;
        this.decoyIterations = decoyIterations;
        this.serverNonces = serverNonces;
    }

    @Override
    public Mono<SaslStep> respond(byte[] clientMessage) {
        return Mono.defer(() -> {
            byte[] message = clientMessage == null ? new byte[0] : clientMessage;
            try {
                return switch (state) {
                    case AWAIT_CLIENT_FIRST -> clientFirst(message);
                    case AWAIT_CLIENT_FINAL -> Mono.just(clientFinal(message));
                    case FINISHED -> Mono.just(new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST,
                            "authentication already finished"));
                };
            } catch (SaslRejection rejection) {
                return Mono.just(finish(rejection.toFailure()));
            } catch (RuntimeException bug) {
                // A parsing slip must still end as a SASL failure, never as an error signal that
                // would tear down the stream.
                return Mono.just(finish(new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST,
                        "malformed SCRAM message")));
            }
        });
    }

    @Override
    public String claimedUsername() {
        return claimedUsername;
    }

    private Mono<SaslStep> clientFirst(byte[] message) throws SaslRejection {
        if (message.length == 0 && !askedForInitialResponse) {
            askedForInitialResponse = true;
            return Mono.just(new SaslStep.Challenge(new byte[0]));
        }
        ScramClientFirst first = ScramClientFirst.parse(StrictUtf8.decode(bounded(message)));
        claimedUsername = first.username();
        checkBindingFlag(first);
        AuthorizationIdentity.check(first.authzid(), first.username(), domain);
        return Mono.defer(() -> lookup.find(first.username()))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .map(found -> serverFirst(first, found.orElse(null)))
                .onErrorResume(e -> Mono.just(finish(new SaslStep.Failure(
                        SaslFailure.TEMPORARY_AUTH_FAILURE, "account store unavailable"))));
    }

    private void checkBindingFlag(ScramClientFirst first) throws SaslRejection {
        switch (first.bindingFlag()) {
            case 'p' -> {
                if (!plus) {
                    throw SaslRejection.malformed("channel binding needs a -PLUS mechanism");
                }
                if (!first.bindingType().equals(binding.type())) {
                    throw SaslRejection.malformed("unsupported channel binding type");
                }
            }
            case 'y' -> {
                if (plus) {
                    throw SaslRejection.malformed("-PLUS mechanism without channel binding");
                }
                if (binding != null) {
                    // We offered -PLUS, so the client was told otherwise by someone in between.
                    throw new SaslRejection(SaslFailure.NOT_AUTHORIZED, "channel binding downgrade");
                }
            }
            default -> {
                if (plus) {
                    throw SaslRejection.malformed("-PLUS mechanism without channel binding");
                }
            }
        }
    }

    private SaslStep serverFirst(ScramClientFirst first, UserCredentials found) {
        ScramCredentials real = found == null ? null : found.forAlgorithm(algorithm);
        account = real == null ? null : found;
        credentials = real != null ? real : DecoyCredentials.forUsername(algorithm, first.username(), decoyIterations);
        clientFirst = first;
        combinedNonce = first.clientNonce() + serverNonces.get();
        serverFirst = "r=" + combinedNonce
                + ",s=" + Base64.getEncoder().encodeToString(credentials.salt())
                + ",i=" + credentials.iterations();
        state = State.AWAIT_CLIENT_FINAL;
        return new SaslStep.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    private SaslStep clientFinal(byte[] message) throws SaslRejection {
        ScramClientFinal last = ScramClientFinal.parse(StrictUtf8.decode(bounded(message)));
        if (!MessageDigest.isEqual(last.channelBinding(), expectedChannelBinding())) {
            throw new SaslRejection(SaslFailure.NOT_AUTHORIZED, "channel binding does not match");
        }
        if (!last.nonce().equals(combinedNonce)) {
            throw new SaslRejection(SaslFailure.NOT_AUTHORIZED, "nonce does not match");
        }
        if (last.proof().length != algorithm.keyLength()) {
            throw SaslRejection.malformed("proof has the wrong length");
        }
        byte[] authMessage = (clientFirst.bare() + "," + serverFirst + "," + last.withoutProof())
                .getBytes(StandardCharsets.UTF_8);
        byte[] storedKey = credentials.storedKey();
        byte[] clientKey = xor(last.proof(), algorithm.hmac(storedKey, authMessage));
        boolean proven = MessageDigest.isEqual(algorithm.digest(clientKey), storedKey);
        if (!proven || account == null) {
            return finish(new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, "authentication failed"));
        }
        if (account.disabled()) {
            return finish(new SaslStep.Failure(SaslFailure.ACCOUNT_DISABLED, "account is disabled"));
        }
        byte[] serverSignature = algorithm.hmac(credentials.serverKey(), authMessage);
        state = State.FINISHED;
        return new SaslStep.Success(account.username(),
                ("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code c=} must carry the gs2 header the client opened with, plus the binding data if bound. */
    private byte[] expectedChannelBinding() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(clientFirst.gs2Header().getBytes(StandardCharsets.UTF_8));
        if (clientFirst.bindingFlag() == 'p') {
            expected.writeBytes(binding.data());
        }
        return expected.toByteArray();
    }

    private SaslStep.Failure finish(SaslStep.Failure failure) {
        state = State.FINISHED;
        return failure;
    }

    private static byte[] bounded(byte[] message) throws SaslRejection {
        if (message.length == 0 || message.length > MAX_MESSAGE_BYTES) {
            throw SaslRejection.malformed("message is empty or too long");
        }
        return message;
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] result = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            result[i] = (byte) (a[i] ^ b[i]);
        }
        return result;
    }

    static String randomNonce() {
        byte[] bytes = new byte[SERVER_NONCE_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
