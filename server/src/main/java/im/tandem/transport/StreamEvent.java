package im.tandem.transport;

import im.tandem.stanza.StreamError;
import im.tandem.xml.Element;
import java.util.Map;

/**
 * What the stream decoder hands to the stream state machine: the opening stream header, a
 * complete top-level element, the closing tag, or a failure that ends the stream.
 * {@code generation} counts decoder resets (STARTTLS, SASL success): the state machine drops
 * events of an older generation, so bytes pipelined before a reset can never be taken as if
 * they had arrived after it.
 */
public sealed interface StreamEvent {

    int generation();

    /**
     * The {@code <stream:stream>} header.
     *
     * @param attributes attributes as written ({@code to}, {@code from}, {@code version}, {@code xml:lang}, {@code id})
     * @param namespace namespace URI of the stream element itself (must be the streams namespace)
     * @param defaultNamespace the default namespace declared on it ({@code jabber:client} for c2s)
     */
    record StreamOpen(int generation, String name, String namespace, String defaultNamespace,
                      Map<String, String> attributes) implements StreamEvent {
    }

    /** A complete first-level child of the stream: a stanza or a stream-level element. */
    record TopLevel(int generation, Element element, int sizeBytes) implements StreamEvent {
    }

    /** {@code </stream:stream>}. */
    record StreamClose(int generation) implements StreamEvent {
    }

    /** The peer broke the rules; the stream must be closed with this error. */
    record StreamFailure(int generation, StreamError error) implements StreamEvent {
    }
}
