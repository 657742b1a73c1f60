package im.tandem.bench;

import static java.lang.invoke.MethodType.methodType;

import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import im.tandem.xml.XmlWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * The quiet-mode buffer of one session (XEP-0352, {@code im.tandem.mdm.QuietModeBuffer}):
 * what {@code QuietMode} does under the buffer's monitor for each stanza it holds back.
 *
 * <p>The buffer and its {@code Held} record are package-private in {@code im.tandem.mdm},
 * so they are reached through method handles from a private lookup. The handles are
 * {@code static final}, which the JIT treats as constants and inlines: what is measured is the
 * buffer's own code. The held entries (stanza, arrival time, serialized size) are built in the
 * setup, as {@code QuietMode.offer} builds each one before calling {@code add}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class QuietModeBufferBenchmark {

    private static final Class<?> BUFFER;
    private static final MethodHandle NEW_BUFFER;
    private static final MethodHandle NEW_HELD;
    private static final MethodHandle ADD;
    private static final MethodHandle REMOVE_PRESENCE_FROM;
    private static final MethodHandle DRAIN;
    private static final MethodHandle SIZE;

    static {
        try {
            BUFFER = Class.forName("im.tandem.mdm.QuietModeBuffer");
            Class<?> held = Class.forName("im.tandem.mdm.QuietModeBuffer$Held");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(BUFFER, MethodHandles.lookup());
            NEW_BUFFER = lookup.findConstructor(BUFFER, methodType(void.class))
                    .asType(methodType(Object.class));
            NEW_HELD = lookup.findConstructor(held,
                            methodType(void.class, Element.class, Instant.class, int.class, List.class))
                    .asType(methodType(Object.class, Element.class, Instant.class, int.class, List.class));
            ADD = lookup.findVirtual(BUFFER, "add", methodType(void.class, held))
                    .asType(methodType(void.class, Object.class, Object.class));
            REMOVE_PRESENCE_FROM = lookup.findVirtual(BUFFER, "removePresenceFrom", methodType(int.class, String.class))
                    .asType(methodType(int.class, Object.class, String.class));
            DRAIN = lookup.findVirtual(BUFFER, "drain", methodType(List.class))
                    .asType(methodType(List.class, Object.class));
            SIZE = lookup.findVirtual(BUFFER, "size", methodType(int.class))
                    .asType(methodType(int.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Stanzas the session limit lets one buffer hold ({@code tandem.mdm.buffer.session-max-stanzas}). */
    static final int SESSION_MAX_STANZAS = 500;
    /** Contacts whose presence is held, one each (a later presence replaces the earlier). */
    static final int CONTACTS = 20;
    /** Entries held and then drained per {@link #holdAndDrain} operation. */
    static final int DRAIN_BATCH = 100;

    /** The held entries, built once: a chat message and the presence of each contact. */
    static final class Entries {
        final Object message;
        final String[] contacts = new String[CONTACTS];
        final Object[] presences = new Object[CONTACTS];

        Entries() throws Throwable {
            Instant now = Instant.now();
            message = held(BenchStanzas.parse(BenchStanzas.ROUTED_MESSAGE), now);
            for (int i = 0; i < CONTACTS; i++) {
                contacts[i] = "contact" + i + "@localhost/mobile";
                presences[i] = held(BenchStanzas.parse(BenchStanzas.routedPresence(contacts[i])), now);
            }
        }

        private static Object held(Element stanza, Instant receivedAt) throws Throwable {
            int bytes = XmlWriter.toXml(stanza, Stanza.CLIENT_NAMESPACE).length();
            List<ClientSession> copies = List.of();
            return (Object) NEW_HELD.invokeExact(stanza, receivedAt, bytes, copies);
        }
    }

    /** A buffer holding {@code heldMessages} messages and then one presence from each contact. */
    @State(Scope.Thread)
    public static class PresenceBuffer {

        /** Messages held ahead of the presences, which {@code removePresenceFrom} scans past. */
        @Param({"10", "200"})
        public int heldMessages;

        Entries entries;
        Object buffer;
        int nextContact;

        @Setup(Level.Trial)
        public void fill() throws Throwable {
            entries = new Entries();
            buffer = newBuffer();
            for (int i = 0; i < heldMessages; i++) {
                ADD.invokeExact(buffer, entries.message);
            }
            for (Object p : entries.presences) {
                ADD.invokeExact(buffer, p);
            }
        }

        /** Every replacement found the earlier presence: the buffer kept its size. */
        @TearDown(Level.Iteration)
        public void checkSize() throws Throwable {
            int size = (int) SIZE.invokeExact(buffer);
            if (size != heldMessages + CONTACTS) {
                throw new IllegalStateException("buffer holds " + size + " entries, expected " + (heldMessages + CONTACTS));
            }
        }
    }

    private Entries entries;
    private Object[] batch;
    private Object holdBuffer;
    private Object drainBuffer;

    @Setup(Level.Trial)
    public void prepare() throws Throwable {
        entries = new Entries();
        batch = new Object[DRAIN_BATCH];
        for (int i = 0; i < DRAIN_BATCH; i++) {
            batch[i] = i % 4 == 3 ? entries.presences[i % CONTACTS] : entries.message;
        }
        holdBuffer = newBuffer();
        drainBuffer = newBuffer();
    }

    private static Object newBuffer() throws Throwable {
        return (Object) NEW_BUFFER.invokeExact();
    }

    /**
     * {@code add} of a held message. The buffer is drained whenever it reaches the session
     * limit of 500, as {@code QuietMode} flushes it there, so it never grows past that; the
     * drain is amortized over the 500 adds.
     */
    @Benchmark
    public void holdMessage(Blackhole blackhole) throws Throwable {
        ADD.invokeExact(holdBuffer, entries.message);
        if ((int) SIZE.invokeExact(holdBuffer) >= SESSION_MAX_STANZAS) {
            blackhole.consume((List<?>) DRAIN.invokeExact(holdBuffer));
        }
    }

    /**
     * A contact's new presence replaces the one held from it: {@code removePresenceFrom} and
     * {@code add}. Contacts take turns, so the one replaced is always the oldest presence and the
     * scan passes all {@code heldMessages} messages first; the buffer keeps its size.
     */
    @Benchmark
    public int replacePresence(PresenceBuffer state) throws Throwable {
        int i = state.nextContact;
        state.nextContact = i + 1 == CONTACTS ? 0 : i + 1;
        int freed = (int) REMOVE_PRESENCE_FROM.invokeExact(state.buffer, state.entries.contacts[i]);
        ADD.invokeExact(state.buffer, state.entries.presences[i]);
        return freed;
    }

    /** Holds 100 entries (three messages to one presence) and drains them: the cost of one flush cycle. */
    @Benchmark
    public List<?> holdAndDrain() throws Throwable {
        Object buffer = drainBuffer;
        Object[] entries = batch;
        for (Object entry : entries) {
            ADD.invokeExact(buffer, entry);
        }
        return (List<?>) DRAIN.invokeExact(buffer);
    }
}
