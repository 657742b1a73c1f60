package im.tandem.sasl;

import java.util.Objects;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The server side of PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd},
 * checked against the account's strongest SCRAM credentials. Only for TLS-protected streams
 * (or where an operator explicitly allows plaintext); see {@link SaslMechanisms#advertised}.
 *
 * <p>Checking costs one PBKDF2 run (a few milliseconds of CPU), also for unknown usernames so
 * that timing does not tell them apart.
 */
public final class PlainNegotiation implements SaslNegotiation {

    private String claimedUsername;

    @Override
    public String claimedUsername() {
        return claimedUsername;
    }

    /** RFC 4616 allows 255 octets per field; anything longer than this is not a login. */
    static final int MAX_MESSAGE_BYTES = 1024;

    private final CredentialLookup lookup;
    private final String domain;
    private final int decoyIterations;

    private volatile boolean askedForInitialResponse;
    private volatile boolean finished;

    /**
     * @param domain this server's XMPP domain, accepted in an authzid {@code username@domain};
     *     null to accept only a bare username
     */
    public PlainNegotiation(CredentialLookup lookup, String domain) {
        this(lookup, domain, ScramCredentials.DEFAULT_ITERATIONS);
    }

    PlainNegotiation(CredentialLookup lookup, String domain, int decoyIterations) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.domain = domain;
        this.decoyIterations = decoyIterations;
    }

    @Override
    public Mono<SaslStep> respond(byte[] clientMessage) {
        return Mono.defer(() -> {
            byte[] message = clientMessage == null ? new byte[0] : clientMessage;
            if (finished) {
                return Mono.just(new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST,
                        "authentication already finished"));
            }
            if (message.length == 0 && !askedForInitialResponse) {
                askedForInitialResponse = true;
                return Mono.just(new SaslStep.Challenge(new byte[0]));
            }
            finished = true;
            String[] fields;
            try {
                fields = parse(message);
            } catch (SaslRejection rejection) {
                return Mono.just(rejection.toFailure());
            }
            String username = fields[1];
            claimedUsername = username;
            String password = fields[2];
            return Mono.defer(() -> lookup.find(username))
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .map(found -> verify(username, password, found.orElse(null)))
                    .onErrorResume(e -> Mono.just(new SaslStep.Failure(
                            SaslFailure.TEMPORARY_AUTH_FAILURE, "account store unavailable")));
        });
    }

    /** Returns authzid, authcid and password. */
    private String[] parse(byte[] message) throws SaslRejection {
        if (message.length == 0 || message.length > MAX_MESSAGE_BYTES) {
            throw SaslRejection.malformed("message is empty or too long");
        }
        String[] fields = StrictUtf8.decode(message).split("\0", -1);
        if (fields.length != 3 || fields[1].isEmpty() || fields[2].isEmpty()) {
            throw SaslRejection.malformed("expected authzid NUL authcid NUL password");
        }
        AuthorizationIdentity.check(fields[0], fields[1], domain);
        return fields;
    }

    private SaslStep verify(String username, String password, UserCredentials account) {
        ScramCredentials credentials = account == null ? null : account.strongest();
        if (credentials == null) {
            DecoyCredentials.forUsername(ScramAlgorithm.SHA_256, username, decoyIterations).verifyPassword(password);
            return new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, "authentication failed");
        }
        if (!credentials.verifyPassword(password)) {
            return new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, "authentication failed");
        }
        if (account.disabled()) {
            return new SaslStep.Failure(SaslFailure.ACCOUNT_DISABLED, "account is disabled");
        }
        return new SaslStep.Success(account.username(), null);
    }
}
