package im.tandem.session;

import reactor.core.publisher.Mono;

/**
 * Told when a client session starts (resource bound), is resumed on a new connection, and ends. Features that keep state
 * per session or react to a device leaving (presence, offline redelivery) implement it.
 */
public interface SessionListener {

    default Mono<Void> sessionStarted(ClientSession session) {
        return Mono.empty();
    }

    /**
     * The session continues on a new connection (XEP-0198 resumption) after its old one dropped;
     * per-connection state such as the client state indication (XEP-0352) starts over.
     */
    default Mono<Void> sessionResumed(ClientSession session) {
        return Mono.empty();
    }

    /** Called once, after the session has left the registry and its stream is closed. */
    default Mono<Void> sessionEnded(ClientSession session) {
        return Mono.empty();
    }
}
