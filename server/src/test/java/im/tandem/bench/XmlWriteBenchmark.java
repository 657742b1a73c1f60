package im.tandem.bench;

import im.tandem.mdm.CarbonCopies;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import im.tandem.xml.XmlWriter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Outbound serialization: {@link XmlWriter#toXml(Element, String)} inside a {@code jabber:client}
 * stream, which the client connection runs once per stanza it writes
 * ({@code ClientStream.writeStanza}). Results are returned, so JMH consumes them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class XmlWriteBenchmark {

    private Element message;
    private Element carbon;
    private Jid copyTo;

    @Setup(Level.Trial)
    public void parse() {
        message = BenchStanzas.parse(BenchStanzas.ROUTED_MESSAGE);
        copyTo = Jid.parse("bob@localhost/laptop");
        carbon = CarbonCopies.wrap(message, CarbonCopies.Direction.RECEIVED, copyTo);
    }

    /**
     * Writing the routed chat message (100-character body) for the first time. {@link XmlWriter}
     * keeps a stanza's text on the element, so a repeated {@code toXml} of one element would
     * measure a field read: {@link XmlWriter#length} writes it all and keeps nothing.
     */
    @Benchmark
    public int chatMessage() {
        return XmlWriter.length(message, Stanza.CLIENT_NAMESPACE);
    }

    /** Its {@code <received/>} carbon copy (XEP-0280), built once in the setup, written in full likewise. */
    @Benchmark
    public int carbonReceived() {
        return XmlWriter.length(carbon, Stanza.CLIENT_NAMESPACE);
    }

    /**
     * What MDM delivery does per carbon copy after the first of a delivery: {@link CarbonCopies#wrap}
     * and write it, the forwarded message's text already kept from the first copy.
     */
    @Benchmark
    public String carbonWrapAndWrite() {
        return XmlWriter.toXml(CarbonCopies.wrap(message, CarbonCopies.Direction.RECEIVED, copyTo),
                Stanza.CLIENT_NAMESPACE);
    }
}
