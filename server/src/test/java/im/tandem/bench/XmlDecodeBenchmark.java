package im.tandem.bench;

import im.tandem.transport.StreamEvent;
import im.tandem.transport.XmlStreamDecoder;
import im.tandem.xml.XmlLimits;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Inbound parsing: one stanza's bytes fed to the {@link XmlStreamDecoder} of an open client
 * stream, as {@code XmlStreamDecoderHandler} does for each network read, up to the
 * {@code TopLevel} event with the assembled element. The stream header is fed once in the
 * setup; the stream then goes on for the whole trial, so the decoder's periodic parser
 * renewal (every {@code maxStanzaBytes} of input) is part of the measured cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class XmlDecodeBenchmark {

    /** Which stanza is fed: see {@link BenchStanzas}. */
    @Param({"message", "presenceCaps", "rosterGet"})
    public String stanza;

    private XmlStreamDecoder decoder;
    private byte[] bytes;
    private final Sink sink = new Sink();

    /** Hands each event to the benchmark's Blackhole and counts anything but a stanza. */
    static final class Sink implements Consumer<StreamEvent> {
        Blackhole blackhole;
        long stanzas;
        StreamEvent unexpected;

        @Override
        public void accept(StreamEvent event) {
            if (event instanceof StreamEvent.TopLevel) {
                stanzas++;
            } else if (unexpected == null) {
                unexpected = event;
            }
            blackhole.consume(event);
        }
    }

    @Setup(Level.Trial)
    public void openStream(Blackhole blackhole) {
        bytes = BenchStanzas.utf8(switch (stanza) {
            case "message" -> BenchStanzas.CLIENT_MESSAGE;
            case "presenceCaps" -> BenchStanzas.CLIENT_PRESENCE;
            case "rosterGet" -> BenchStanzas.CLIENT_ROSTER_GET;
            default -> throw new IllegalArgumentException("unknown stanza " + stanza);
        });
        decoder = new XmlStreamDecoder(XmlLimits.DEFAULT);
        sink.blackhole = blackhole;
        byte[] header = BenchStanzas.utf8(BenchStanzas.HEADER);
        decoder.feed(header, 0, header.length, event -> {
            if (!(event instanceof StreamEvent.StreamOpen)) {
                throw new IllegalStateException("stream header not accepted: " + event);
            }
        });
        decoder.feed(bytes, 0, bytes.length, sink);
        if (sink.stanzas != 1 || sink.unexpected != null) {
            throw new IllegalStateException("stanza not decoded: " + sink.unexpected);
        }
    }

    @Benchmark
    public void decode(Blackhole blackhole) {
        sink.blackhole = blackhole;
        decoder.feed(bytes, 0, bytes.length, sink);
    }

    /** A stream error would make later feeds no-ops: fail the run rather than measure that. */
    @TearDown(Level.Iteration)
    public void checkStreamStillOpen() {
        if (sink.unexpected != null) {
            throw new IllegalStateException("decoder left the stanza path: " + sink.unexpected);
        }
    }

    @TearDown(Level.Trial)
    public void closeStream() {
        decoder.close();
    }
}
