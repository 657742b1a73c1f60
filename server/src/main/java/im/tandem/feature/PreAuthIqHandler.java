package im.tandem.feature;

import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import java.net.InetSocketAddress;
import reactor.core.publisher.Mono;

/** Serves an iq a client may send before it has authenticated (in-band registration only). */
public interface PreAuthIqHandler {

    String element();

    String namespace();

    /** Handles the request on a secure (or explicitly plaintext-allowed) stream; returns the reply. */
    Mono<Element> handle(Stanza iq, InetSocketAddress remoteAddress);
}
