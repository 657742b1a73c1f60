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

    /** The routed chat message with a 100-character body. */
    @Benchmark
    public String chatMessage() {
        return XmlWriter.toXml(message, Stanza.CLIENT_NAMESPACE);
    }

    /** Its {@code <received/>} carbon copy (XEP-0280), built once in the setup. */
    @Benchmark
    public String carbonReceived() {
        return XmlWriter.toXml(carbon, Stanza.CLIENT_NAMESPACE);
    }

    /** What MDM delivery does per carbon copy: {@link CarbonCopies#wrap} and then write it. */
    @Benchmark
    public String carbonWrapAndWrite() {
        return XmlWriter.toXml(CarbonCopies.wrap(message, CarbonCopies.Direction.RECEIVED, copyTo),
                Stanza.CLIENT_NAMESPACE);
    }
}
