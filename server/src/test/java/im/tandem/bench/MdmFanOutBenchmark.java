package im.tandem.bench;

import ch.qos.logback.classic.LoggerContext;
import im.tandem.admin.MeterNames;
import im.tandem.mdm.ActiveClientTracker;
import im.tandem.mdm.CarbonCopies;
import im.tandem.mdm.CarbonsFeature;
import im.tandem.mdm.MdmDelivery;
import im.tandem.mdm.MdmMetrics;
import im.tandem.mdm.MdmProperties;
import im.tandem.mdm.MdmSwitch;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.session.StreamOutput;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StreamError;
import im.tandem.store.DatabaseConnector;
import im.tandem.store.DatabaseLocation;
import im.tandem.store.DatabaseMigrator;
import im.tandem.store.ServiceParameterStore;
import im.tandem.xml.Element;
import im.tandem.xml.XmlWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;

/**
 * Routing with multi-device fan-out: {@link MdmDelivery#toBareJid} of a chat message to
 * {@code bob@localhost}, who has three available sessions. {@code phone} is the active client
 * (it sent presence last); {@code laptop} and {@code tablet} enabled carbons through
 * {@link CarbonsFeature}. One operation therefore writes three stanzas: the message itself to
 * the phone and a {@code <received/>} carbon copy (XEP-0280) to each of the two others, and
 * counts two carbons in {@link MdmMetrics}. Each session's {@link StreamOutput} serializes what
 * it gets with {@link XmlWriter#toXml(Element, String)} into the Blackhole, which is what the
 * client connection does per stanza, short of the socket write.
 *
 * <p>The delivery classes are wired by hand, without Spring. {@link MdmSwitch} reads the stored
 * MDM parameter, so it gets a {@link ServiceParameterStore} over a migrated in-memory H2
 * database; nothing is stored, so MDM is on as {@link MdmProperties} says. The database is
 * only read in the setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MdmFanOutBenchmark {

    private static final String CLIENT_NS = Stanza.CLIENT_NAMESPACE;

    private ConnectionFactory connectionFactory;
    private SimpleMeterRegistry meters;
    private Counter receivedCarbons;
    private ActiveClientTracker activeClients;
    private MdmDelivery delivery;
    private Stanza message;
    private final Wire wire = new Wire();
    private ClientSession phone;
    private ClientSession laptop;
    private ClientSession tablet;
    private final SerializingOutput phoneOut = new SerializingOutput(wire);
    private final SerializingOutput laptopOut = new SerializingOutput(wire);
    private final SerializingOutput tabletOut = new SerializingOutput(wire);
    private List<ClientSession> recipients;
    private long phoneAtIteration;
    private double carbonsAtIteration;

    /** The shared end of the three connections: where the serialized stanzas go. */
    static final class Wire {
        Blackhole blackhole;
    }

    /** A connection that serializes each stanza as {@code ClientStream} does and counts it. */
    static final class SerializingOutput implements StreamOutput {
        private final Wire wire;
        long stanzas;
        Element last;

        SerializingOutput(Wire wire) {
            this.wire = wire;
        }

        @Override
        public void send(Element stanza) {
            stanzas++;
            last = stanza;
            wire.blackhole.consume(XmlWriter.toXml(stanza, CLIENT_NS));
        }

        @Override
        public void close(StreamError error) {
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }

    @Setup(Level.Trial)
    public void wire(Blackhole blackhole) throws Exception {
        // no Spring Boot here to configure logging: keep Flyway and H2 from logging at DEBUG
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        wire.blackhole = blackhole;

        MdmProperties properties = new MdmProperties(true, Duration.ofMinutes(5), new MdmProperties.Buffer(
                500, DataSize.ofKilobytes(256), DataSize.ofMegabytes(256), Duration.ofMinutes(10)));
        DatabaseLocation location = DatabaseLocation.of("r2dbc:h2:mem:///bench-" + UUID.randomUUID(), null, null);
        new DatabaseMigrator().migrate(location);
        connectionFactory = DatabaseConnector.connect(location, 2);
        MdmSwitch mdm = new MdmSwitch(properties, new ServiceParameterStore(DatabaseClient.create(connectionFactory)));
        if (!mdm.enabled()) {
            throw new IllegalStateException("MDM is off");
        }

        Clock clock = Clock.systemUTC();
        SessionRegistry sessions = new SessionRegistry();
        activeClients = new ActiveClientTracker(sessions, clock, properties);
        meters = new SimpleMeterRegistry();
        MdmMetrics metrics = new MdmMetrics(meters, sessions, mdm, activeClients, clock, Duration.ofSeconds(60));
        delivery = new MdmDelivery(mdm, sessions, activeClients, metrics);
        receivedCarbons = meters.get(MeterNames.MDM_CARBONS).tag("direction", "received").counter();

        laptop = session("laptop", laptopOut);
        tablet = session("tablet", tabletOut);
        phone = session("phone", phoneOut);
        for (ClientSession s : List.of(laptop, tablet, phone)) {
            sessions.register(s);
        }
        CarbonsFeature carbons = new CarbonsFeature(mdm);
        for (ClientSession s : List.of(laptop, tablet)) {
            Element enable = Element.builder("iq", CLIENT_NS).attribute("type", "set").attribute("id", "carbons-1")
                    .attribute("from", s.jid().toString())
                    .child(Element.of("enable", CarbonCopies.NAMESPACE)).build();
            Element reply = carbons.handle(Stanza.of(enable), s).block(Duration.ofSeconds(5));
            if (reply == null || !"result".equals(reply.attribute("type"))) {
                throw new IllegalStateException("carbons not enabled: " + reply);
            }
        }
        // initial presence: the phone goes last and so is the active client
        for (ClientSession s : List.of(laptop, tablet, phone)) {
            Element presence = BenchStanzas.parse("<presence from='" + s.jid() + "'><priority>0</priority></presence>");
            s.updatePresence(presence, 0);
            activeClients.presenceChanged(s, presence);
            Thread.sleep(2);
        }
        recipients = List.of(laptop, tablet, phone);
        message = Stanza.of(BenchStanzas.parse(BenchStanzas.ROUTED_MESSAGE));

        delivery.toBareJid(message, recipients);
        if (phoneOut.stanzas != 1 || phoneOut.last != message.element()
                || laptopOut.stanzas != 1 || !CarbonCopies.isCarbon(laptopOut.last)
                || tabletOut.stanzas != 1 || !CarbonCopies.isCarbon(tabletOut.last)
                || receivedCarbons.count() != 2) {
            throw new IllegalStateException("expected 1 direct + 2 carbons, got phone=" + phoneOut.last
                    + " laptop=" + laptopOut.last + " tablet=" + tabletOut.last);
        }
    }

    private static ClientSession session(String resource, StreamOutput output) {
        Jid jid = Jid.parse("bob@localhost/" + resource);
        return new ClientSession("s-" + resource, jid, output,
                new InetSocketAddress("127.0.0.1", 5222), true, Instant.now());
    }

    /**
     * Each operation routes a new message element, as the server does (every stanza a client
     * sends gets its {@code from} stamped, which makes a new element): the writer's per-element
     * memo then saves only what one delivery repeats, the message forwarded in both carbons.
     */
    @Benchmark
    public void toBareJid(Blackhole blackhole) {
        wire.blackhole = blackhole;
        delivery.toBareJid(message.withFrom(message.from()), recipients);
    }

    /**
     * The phone stays the active client only for the active window (5 minutes) after its last
     * presence: renew it before each iteration, and check after it that every operation was
     * still one direct copy plus two carbons.
     */
    @Setup(Level.Iteration)
    public void keepPhoneActive() {
        activeClients.touched(phone);
        phoneAtIteration = phoneOut.stanzas;
        carbonsAtIteration = receivedCarbons.count();
    }

    @TearDown(Level.Iteration)
    public void checkFanOut() {
        long ops = phoneOut.stanzas - phoneAtIteration;
        double carbons = receivedCarbons.count() - carbonsAtIteration;
        if (laptopOut.stanzas != phoneOut.stanzas || tabletOut.stanzas != phoneOut.stanzas
                || carbons != 2.0 * ops) {
            throw new IllegalStateException("fan-out changed: " + ops + " direct, " + carbons + " carbons");
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        if (connectionFactory instanceof AutoCloseable closeable) {
            closeable.close();
        } else if (connectionFactory instanceof io.r2dbc.spi.Closeable pool) {
            Mono.from(pool.close()).block(Duration.ofSeconds(30));
        }
        meters.close();
    }
}
