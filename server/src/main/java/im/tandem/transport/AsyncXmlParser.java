package im.tandem.transport;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * One Aalto non-blocking reader, configured for untrusted input, that knows exactly how many
 * bytes of the stream each token ends at, and that can be swapped for a fresh reader between
 * stanzas without the stream noticing. Used only by {@link XmlStreamDecoder}.
 *
 * <p>Why swap: Aalto remembers every element and attribute name a reader has seen in a
 * symbol table with no size bound, so a peer sending endless distinct names would grow it
 * without limit (about 70 MB for 500,000 names). {@link #renew(byte[])} starts over with an
 * empty table, and every reader gets its own factory so no table is shared between
 * connections or outlives one.
 */
final class AsyncXmlParser {

    private AsyncXMLStreamReader<AsyncByteArrayFeeder> reader = newReader();
    /** The input being parsed, held only while the decoder works through it. */
    private byte[] input;
    private int inputOffset;
    private int inputLength;
    /** Bytes of the stream fed so far, since the last {@link #reset()}. */
    private long fed;
    /** Stream position at which the current reader's own input begins. */
    private long readerBase;
    /** Bytes of replayed stream header fed to the current reader ahead of its own input. */
    private int replayed;

    AsyncXMLStreamReader<AsyncByteArrayFeeder> reader() {
        return reader;
    }

    /** Hands the reader more input; the previous input must have been parsed to EVENT_INCOMPLETE. */
    void feed(byte[] bytes, int offset, int length) throws XMLStreamException {
        reader.getInputFeeder().feedInput(bytes, offset, length);
        input = bytes;
        inputOffset = offset;
        inputLength = length;
        fed += length;
    }

    /** Forgets the current input, which has been parsed, so the caller's array is not kept. */
    void release() {
        input = null;
    }

    int next() throws XMLStreamException {
        return reader.next();
    }

    long fed() {
        return fed;
    }

    /** Bytes of the stream up to the end of the current token. */
    long position() throws XMLStreamException {
        // Aalto adds the array index within the current input to the lengths of the earlier
        // inputs, so the input's own offset is taken out to count bytes rather than positions.
        return readerBase + reader.getLocationInfo().getEndingByteOffset() - inputOffset - replayed;
    }

    /**
     * Continues with a fresh reader. Must be called right after a top-level end tag: the new
     * reader first parses {@code streamHeader} (to be in the same namespace context), then the
     * rest of the current input.
     */
    void renew(byte[] streamHeader) throws XMLStreamException {
        long position = position();
        int consumed = (int) (position - (fed - inputLength));
        close();
        reader = newReader();
        reader.getInputFeeder().feedInput(streamHeader, 0, streamHeader.length);
        while (reader.next() != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
            // The replayed header's events are not the peer's: nothing to report.
        }
        readerBase = position;
        replayed = streamHeader.length;
        inputOffset += consumed;
        inputLength -= consumed;
        if (inputLength > 0) {
            reader.getInputFeeder().feedInput(input, inputOffset, inputLength);
        }
    }

    /** Starts over for a new stream. */
    void reset() {
        close();
        reader = newReader();
        input = null;
        fed = 0;
        readerBase = 0;
        replayed = 0;
    }

    void close() {
        try {
            reader.close();
        } catch (XMLStreamException ignored) {
            // Nothing is held open: the input is in memory.
        }
    }

    private static AsyncXMLStreamReader<AsyncByteArrayFeeder> newReader() {
        AsyncXMLInputFactory factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Left unreplaced, an entity reference surfaces as an event that can be refused.
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory.createAsyncForByteArray();
    }
}
