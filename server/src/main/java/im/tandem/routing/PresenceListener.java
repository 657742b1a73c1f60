package im.tandem.routing;

import im.tandem.session.ClientSession;
import im.tandem.xml.Element;
import reactor.core.publisher.Mono;

/**
 * Told by the presence handler about a session's broadcast presence: when it first becomes
 * available (RFC 6121 section 4.2, the moment offline messages are delivered) and each time
 * its available presence changes (entity capabilities ride on it).
 */
public interface PresenceListener {

    default Mono<Void> initialPresence(ClientSession session) {
        return Mono.empty();
    }

    default void presenceChanged(ClientSession session, Element availablePresence) {
    }
}
