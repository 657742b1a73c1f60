package im.tandem.feature.privatestorage;

import im.tandem.xml.Element;
import reactor.core.publisher.Mono;

/** Told when a user stored an element in private XML storage (to keep other stores in step with it). */
public interface PrivateXmlListener {

    /** {@code element} was just stored for {@code username}; the client's answer waits for the returned Mono. */
    Mono<Void> stored(String username, Element element);
}
