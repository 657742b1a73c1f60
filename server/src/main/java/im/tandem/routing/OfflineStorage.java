package im.tandem.routing;

import im.tandem.stanza.Stanza;
import reactor.core.publisher.Mono;

/** Keeps messages for users with no available session (XEP-0160). */
public interface OfflineStorage {

    /** Outcome of storing a message. */
    enum Result { STORED, NOT_STORED, QUOTA_EXCEEDED }

    /** Stores the message for its recipient's bare JID if it is worth storing. */
    Mono<Result> store(Stanza message);
}
