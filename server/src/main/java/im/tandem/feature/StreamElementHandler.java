package im.tandem.feature;

import im.tandem.session.ClientSession;
import im.tandem.xml.Element;
import reactor.core.publisher.Mono;

/**
 * Handles top-level elements of an established stream that are not stanzas (nonzas), for
 * example Client State Indication's {@code <active/>} and {@code <inactive/>} (XEP-0352).
 * An established stream hands every element in {@link #namespace()} to the handler; one in no
 * handler's namespace closes the stream with {@code unsupported-stanza-type}.
 */
public interface StreamElementHandler {

    String namespace();

    Mono<Void> handle(Element element, ClientSession session);
}
