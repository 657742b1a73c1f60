package im.tandem.sasl;

import reactor.core.publisher.Mono;

/**
 * The server side of one SASL authentication attempt with one mechanism. A new instance is
 * started for every {@code <auth/>}; the client stream feeds it one message at a time and waits
 * for each answer before sending the next, so implementations need not be thread-safe.
 */
public interface SaslNegotiation {

    /**
     * Answers one client message. The first call gets the initial response from
     * {@code <auth/>}; an empty array there means the client sent none, and the mechanism
     * answers with an empty challenge to ask for it. Later calls get the decoded
     * {@code <response/>} payloads.
     *
     * <p>Never fails with an error signal for anything the client sent: malformed input yields
     * a {@link SaslStep.Failure}. After a success or a failure the negotiation is finished and
     * answers every further message with a failure.
     */
    Mono<SaslStep> respond(byte[] clientMessage);

    /** The username the client claimed so far, or null before it said one: for counting failed logins per account. */
    String claimedUsername();
}
