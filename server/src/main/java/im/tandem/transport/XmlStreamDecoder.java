package im.tandem.transport;

import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.UncheckedStreamException;
import im.tandem.stanza.StreamError;
import im.tandem.stanza.StreamErrorCondition;
import im.tandem.xml.Element;
import im.tandem.xml.XmlLimits;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Turns the bytes of one XMPP stream into {@link StreamEvent}s as they arrive, with Aalto's
 * non-blocking parser: every byte is parsed exactly once, however the input is split.
 *
 * <p>The peer is not trusted (RFC 6120 section 11): DTDs, comments, processing instructions
 * and entity references other than the predefined ones end the stream with
 * {@code restricted-xml}; malformed input with {@code not-well-formed}; a stanza larger than
 * {@link XmlLimits#maxStanzaBytes()} (counted while it arrives, not after), nesting deeper
 * than {@link XmlLimits#maxDepth()} or more than {@link XmlLimits#maxAttributes()}
 * attributes with {@code policy-violation}. After a {@link StreamEvent.StreamFailure} or a
 * {@link StreamEvent.StreamClose} the decoder ignores further input, even after
 * {@link #reset()}. The parser itself is replaced between stanzas after every
 * {@code maxStanzaBytes} of input, so what it remembers of a long stream stays bounded too
 * (see {@link AsyncXmlParser}).
 *
 * <p>Not thread-safe: one decoder per connection, driven from its event loop.
 */
public final class XmlStreamDecoder implements AutoCloseable {

    /** Input is parsed in slices of this size, so the size limit is checked at least this often. */
    static final int SLICE_BYTES = 8 * 1024;

    private static final int MAX_ERROR_TEXT = 120;

    private final XmlLimits limits;
    private final AsyncXmlParser parser = new AsyncXmlParser();
    private final ElementAssembler assembler = new ElementAssembler();
    private int generation;
    private boolean ended;
    /** The peer's stream header with its namespace declarations, replayed to a renewed parser; null before it. */
    private byte[] header;
    /** Where the element being received began: the end of the last header, stanza or whitespace. */
    private long boundary;
    /** Stream position of the last parser renewal (see {@link AsyncXmlParser}). */
    private long renewedAt;
    private boolean renewDue;
    /**
     * Where bytes of a direct buffer are copied for the parser: one per thread, not per
     * connection (it was 8 KiB of every idle session's ~19 KiB of heap). Taken out while in use,
     * so a nested feed on the same thread gets its own.
     */
    private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();

    public XmlStreamDecoder(XmlLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Parses {@code length} bytes of {@code bytes} from {@code offset} and hands each complete
     * event to {@code sink} before returning. The array is not retained. If {@code sink}
     * calls {@link #reset()}, the rest of these bytes is discarded.
     */
    public void feed(byte[] bytes, int offset, int length, Consumer<StreamEvent> sink) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int gen = generation;
        int end = offset + length;
        for (int pos = offset; pos < end && active(gen); pos += SLICE_BYTES) {
            parseSlice(bytes, pos, Math.min(SLICE_BYTES, end - pos), sink, gen);
        }
    }

    /** Like {@link #feed(byte[], int, int, Consumer)} for the buffer's remaining bytes, which it consumes. */
    public void feed(ByteBuffer buffer, Consumer<StreamEvent> sink) {
        if (buffer.hasArray()) {
            feed(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining(), sink);
        } else {
            int gen = generation;
            byte[] scratch = SCRATCH.get();
            if (scratch == null) {
                scratch = new byte[SLICE_BYTES];
            } else {
                SCRATCH.set(null);
            }
            try {
                while (buffer.hasRemaining() && active(gen)) {
                    int n = Math.min(SLICE_BYTES, buffer.remaining());
                    buffer.get(scratch, 0, n);
                    parseSlice(scratch, 0, n, sink, gen);
                }
            } finally {
                SCRATCH.set(scratch);
            }
        }
        buffer.position(buffer.limit());
    }

    /**
     * Starts a new stream (after STARTTLS or SASL success): drops the parser, any partly
     * received element and any input not yet parsed, and increments {@link #generation()}.
     */
    public void reset() {
        generation++;
        if (ended) {
            return;
        }
        parser.reset();
        assembler.clear();
        header = null;
        boundary = 0;
        renewedAt = 0;
        renewDue = false;
    }

    /** How many times {@link #reset()} was called; carried by every emitted event. */
    public int generation() {
        return generation;
    }

    /** Releases the parser; later input is ignored. */
    @Override
    public void close() {
        ended = true;
        parser.close();
        assembler.clear();
    }

    private boolean active(int gen) {
        return !ended && gen == generation;
    }

    private void parseSlice(byte[] bytes, int offset, int length, Consumer<StreamEvent> sink, int gen) {
        try {
            parser.feed(bytes, offset, length);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("parser still holds input", e);
        }
        while (active(gen)) {
            StreamEvent event;
            // The sink runs outside the try: its exceptions are its own, not malformed input.
            try {
                if (renewDue) {
                    renewDue = false;
                    parser.renew(header);
                }
                int token = parser.next();
                if (token == AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                    event = checkPendingSize();
                    if (event == null) {
                        break;
                    }
                } else {
                    event = onToken(token);
                }
            } catch (XMLStreamException | UncheckedStreamException e) {
                event = fail(malformed(e));
            } catch (RuntimeException e) {
                event = fail(StreamError.of(StreamErrorCondition.INTERNAL_SERVER_ERROR, "XML decoder error"));
            }
            if (event != null) {
                sink.accept(event);
            }
        }
        parser.release();
    }

    private StreamEvent onToken(int token) throws XMLStreamException {
        return switch (token) {
            case XMLStreamConstants.START_DOCUMENT -> checkDeclaration();
            case XMLStreamConstants.START_ELEMENT -> header != null ? onStart() : onHeader();
            case XMLStreamConstants.END_ELEMENT -> onEnd();
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> onText();
            case XMLStreamConstants.DTD -> restricted("DTDs are not allowed");
            case XMLStreamConstants.COMMENT -> restricted("comments are not allowed");
            case XMLStreamConstants.PROCESSING_INSTRUCTION -> restricted("processing instructions are not allowed");
            case XMLStreamConstants.ENTITY_REFERENCE -> restricted("entity references are not allowed");
            default -> null;
        };
    }

    private StreamEvent checkDeclaration() {
        String version = reader().getVersion();
        if (version != null && !version.equals("1.0")) {
            return fail(StreamError.of(StreamErrorCondition.NOT_WELL_FORMED, "only XML 1.0 is allowed"));
        }
        String encoding = reader().getCharacterEncodingScheme();
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            return fail(StreamError.of(StreamErrorCondition.UNSUPPORTED_ENCODING, "only UTF-8 is allowed"));
        }
        return null;
    }

    private StreamEvent onHeader() throws XMLStreamException {
        XMLStreamReader reader = reader();
        if (!StreamError.STREAM_NAMESPACE.equals(reader.getNamespaceURI())) {
            return fail(StreamError.of(StreamErrorCondition.INVALID_NAMESPACE,
                    "stream element must be in " + StreamError.STREAM_NAMESPACE));
        }
        if (!"stream".equals(reader.getLocalName())) {
            return fail(StreamError.of(StreamErrorCondition.NOT_WELL_FORMED, "first element must be stream:stream"));
        }
        StreamEvent tooMany = checkAttributeCount();
        if (tooMany != null) {
            return tooMany;
        }
        header = StreamHeaders.replay(reader);
        boundary = parser.position();
        renewedAt = boundary;
        return StreamHeaders.open(reader, generation);
    }

    private StreamEvent onStart() {
        if (assembler.depth() + 1 > limits.maxDepth()) {
            return policy("elements nested deeper than " + limits.maxDepth());
        }
        StreamEvent tooMany = checkAttributeCount();
        if (tooMany != null) {
            return tooMany;
        }
        assembler.start(reader());
        return null;
    }

    private StreamEvent checkAttributeCount() {
        XMLStreamReader reader = reader();
        // Namespace declarations are not attributes to StAX but cost the same, so they are bounded too.
        if (reader.getAttributeCount() > limits.maxAttributes() || reader.getNamespaceCount() > limits.maxAttributes()) {
            return policy("element has more than " + limits.maxAttributes() + " attributes");
        }
        return null;
    }

    private StreamEvent onEnd() throws XMLStreamException {
        if (assembler.depth() == 0) {
            ended = true;
            parser.close();
            return new StreamEvent.StreamClose(generation);
        }
        Element element = assembler.end();
        if (element == null) {
            return null;
        }
        long end = parser.position();
        int size = (int) (end - boundary);
        boundary = end;
        if (size > limits.maxStanzaBytes()) {
            return stanzaTooLarge();
        }
        // A stanza end is the one point where the parser can be swapped without losing context.
        if (end - renewedAt >= limits.maxStanzaBytes()) {
            renewDue = true;
            renewedAt = end;
        }
        return new StreamEvent.TopLevel(generation, element, size);
    }

    private StreamEvent onText() throws XMLStreamException {
        if (assembler.depth() > 0) {
            assembler.text(reader());
            return null;
        }
        // Whitespace between stanzas is a keepalive; it must not count towards the next stanza.
        if (!reader().isWhiteSpace()) {
            return fail(StreamError.of(StreamErrorCondition.BAD_FORMAT, "character data between stanzas"));
        }
        boundary = parser.position();
        return null;
    }

    /** Bounds what is buffered while an element (or the stream header) is still incomplete. */
    private StreamEvent checkPendingSize() {
        if (parser.fed() - boundary <= limits.maxStanzaBytes()) {
            return null;
        }
        return header != null ? stanzaTooLarge()
                : policy("stream header exceeds " + limits.maxStanzaBytes() + " bytes");
    }

    private XMLStreamReader reader() {
        return parser.reader();
    }

    private StreamEvent stanzaTooLarge() {
        return policy("stanza exceeds " + limits.maxStanzaBytes() + " bytes");
    }

    private StreamEvent policy(String text) {
        return fail(StreamError.of(StreamErrorCondition.POLICY_VIOLATION, text));
    }

    private StreamEvent restricted(String text) {
        return fail(StreamError.of(StreamErrorCondition.RESTRICTED_XML, text));
    }

    private StreamEvent fail(StreamError error) {
        ended = true;
        parser.close();
        assembler.clear();
        return new StreamEvent.StreamFailure(generation, error);
    }

    private static StreamError malformed(Exception e) {
        String message = e.getMessage() == null ? "not well-formed" : e.getMessage();
        int newline = message.indexOf('\n');
        String text = (newline < 0 ? message : message.substring(0, newline)).strip();
        if (text.length() > MAX_ERROR_TEXT) {
            text = text.substring(0, MAX_ERROR_TEXT);
        }
        // Aalto reports an undeclared prefix as a plain well-formedness error; RFC 6120 has a
        // more precise condition for it.
        StreamErrorCondition condition = text.startsWith("Unbound namespace prefix")
                ? StreamErrorCondition.BAD_NAMESPACE_PREFIX : StreamErrorCondition.NOT_WELL_FORMED;
        return StreamError.of(condition, text);
    }
}
