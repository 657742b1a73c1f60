package im.tandem.feature.vcard;

import im.tandem.xml.Element;
import reactor.core.publisher.Mono;

/** Told when a user stored a vCard (to keep an avatar published elsewhere in step with it). */
public interface VCardListener {

    /** {@code vcard} was just stored for {@code username} (an empty element: removed); the answer waits for the Mono. */
    Mono<Void> stored(String username, Element vcard);
}
