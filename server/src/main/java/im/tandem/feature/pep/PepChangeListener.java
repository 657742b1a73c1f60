package im.tandem.feature.pep;

import im.tandem.feature.pubsub.PubsubNode;
import reactor.core.publisher.Mono;

/** Told when an owner published to or retracted from one of its PEP nodes through a pubsub request. */
public interface PepChangeListener {

    /** The items of {@code node} changed; the owner's answer waits for the returned Mono. */
    Mono<Void> itemsChanged(PubsubNode node);
}
