package im.tandem.sasl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SASL mechanisms Tandem offers, strongest first, and the entry point that starts a
 * negotiation for the one a client picks.
 */
public final class SaslMechanisms {

    public static final String PLAIN = "PLAIN";

    private final int iterations;

    /** Mechanisms for accounts created with {@link ScramCredentials#DEFAULT_ITERATIONS}. */
    public SaslMechanisms() {
        this(ScramCredentials.DEFAULT_ITERATIONS);
    }

    /**
     * @param iterations the iteration count new accounts are created with; unknown usernames
     *     are shown the same one, so the count does not give them away
     */
    public SaslMechanisms(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        this.iterations = iterations;
    }

    /**
     * Mechanism names for {@code <mechanisms/>}: SCRAM-SHA-256(-PLUS), SCRAM-SHA-1(-PLUS), PLAIN.
     *
     * @param secure whether the stream is TLS-protected
     * @param allowPlaintextAuth whether an operator allows PLAIN without TLS
     * @param channelBindingAvailable whether the connection has channel binding data to offer
     *     the {@code -PLUS} variants
     */
    public List<String> advertised(boolean secure, boolean allowPlaintextAuth, boolean channelBindingAvailable) {
        List<String> names = new ArrayList<>(5);
        for (ScramAlgorithm algorithm : List.of(ScramAlgorithm.SHA_256, ScramAlgorithm.SHA_1)) {
            if (channelBindingAvailable) {
                names.add(algorithm.plusMechanismName());
            }
            names.add(algorithm.mechanismName());
        }
        if (secure || allowPlaintextAuth) {
            names.add(PLAIN);
        }
        return List.copyOf(names);
    }

    /**
     * Starts a negotiation. Does not check that the mechanism was advertised on this stream:
     * the caller compares against {@link #advertised} (PLAIN on an insecure stream, for
     * example, is refused there with {@code invalid-mechanism} or {@code encryption-required}).
     *
     * @param domain this server's XMPP domain, accepted in an authzid {@code username@domain}
     * @param binding the connection's channel binding, or null if it has none
     * @return empty for an unknown mechanism, or a {@code -PLUS} one without binding data
     */
    public Optional<SaslNegotiation> start(String mechanism, CredentialLookup lookup, String domain,
            ChannelBinding binding) {
        if (PLAIN.equals(mechanism)) {
            return Optional.of(new PlainNegotiation(lookup, domain, iterations));
        }
        for (ScramAlgorithm algorithm : ScramAlgorithm.values()) {
            if (algorithm.mechanismName().equals(mechanism)) {
                return Optional.of(scram(algorithm, false, lookup, domain, binding));
            }
            if (algorithm.plusMechanismName().equals(mechanism) && binding != null) {
                return Optional.of(scram(algorithm, true, lookup, domain, binding));
            }
        }
        return Optional.empty();
    }

    private SaslNegotiation scram(ScramAlgorithm algorithm, boolean plus, CredentialLookup lookup,
            String domain, ChannelBinding binding) {
        return new ScramNegotiation(algorithm, plus, lookup, domain, binding, iterations,
                ScramNegotiation::randomNonce);
    }
}
