package im.tandem.support;

import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.ping.PingManager;

/**
 * One of a user's devices in a multi-device test: a logged-in Smack client whose incoming
 * messages are told apart as direct (the notifying copy) or carbon copies, in arrival order.
 * A collector sees stanzas in the order the reader thread parsed them, so after a round trip to
 * the server ({@link #drain()}) everything the server wrote before its answer is here.
 */
public final class Device {

    /** How a message reached the device. */
    public enum Kind { DIRECT, RECEIVED_COPY, SENT_COPY }

    /** One message as the device saw it; {@code message} is the inner one for copies. */
    public record Delivery(Kind kind, String body, Message message, Message outer) {

        public boolean delayed() {
            return DelayInformation.from(outer) != null || DelayInformation.from(message) != null;
        }

        public String from() {
            return message.getFrom() == null ? null : message.getFrom().toString();
        }

        @Override
        public String toString() {
            return kind + ":" + body;
        }
    }

    private final String name;
    private final XMPPTCPConnection connection;
    private final StanzaCollector messages;

    public Device(String name, XMPPTCPConnection connection) {
        this.name = name;
        this.connection = connection;
        this.messages = connection.createStanzaCollector(StanzaTypeFilter.MESSAGE);
    }

    /** Logs in with the collector already listening, so messages delivered at login (offline storage) are seen too. */
    public static Device login(XmppClients clients, String user, String password, String resource) throws Exception {
        return login(clients, user, password, resource, true);
    }

    /** {@link #login(XmppClients, String, String, String)} for a client that does or does not use stream management (XEP-0198). */
    public static Device login(XmppClients clients, String user, String password, String resource,
                               boolean streamManagement) throws Exception {
        XMPPTCPConnection connection = clients.unconnected(clients.configuration(user, password, resource).build());
        connection.setUseStreamManagement(streamManagement);
        Device device = new Device(user + "/" + resource, connection);
        connection.connect().login();
        return device;
    }

    public XMPPTCPConnection connection() {
        return connection;
    }

    public Device enableCarbons() throws Exception {
        CarbonManager.getInstanceFor(connection).enableCarbons();
        return this;
    }

    /** The next message, waiting up to 10 seconds; fails if none comes. */
    public Delivery next() throws InterruptedException {
        Message m = messages.nextResult(10_000);
        if (m == null) {
            throw new AssertionError(name + " received no message within 10 s");
        }
        return classify(m);
    }

    /** The next {@code n} messages. */
    public List<Delivery> next(int n) throws InterruptedException {
        List<Delivery> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(next());
        }
        return all;
    }

    /**
     * A ping round trip, then every message that arrived before its answer. The answer is an iq
     * for the device, so on a device in quiet mode this flushes its buffer (trigger a): use
     * {@link #received()} after another client's round trip there.
     */
    public List<Delivery> drain() throws Exception {
        sync();
        return received();
    }

    /** A ping round trip: what the server did for this device before answering is done (same caveat as {@link #drain()}). */
    public void sync() throws Exception {
        if (!PingManager.getInstanceFor(connection).pingMyServer(false, 10_000)) {
            throw new AssertionError(name + ": no answer to a ping");
        }
    }

    /** The messages that have arrived so far and were not taken yet; no round trip. */
    public List<Delivery> received() {
        List<Delivery> all = new ArrayList<>();
        for (Message m = messages.pollResult(); m != null; m = messages.pollResult()) {
            all.add(classify(m));
        }
        return all;
    }

    private static Delivery classify(Message m) {
        CarbonExtension carbon = CarbonExtension.from(m);
        if (carbon != null) {
            Stanza inner = carbon.getForwarded().getForwardedStanza();
            Message message = (Message) inner;
            Kind kind = carbon.getDirection() == CarbonExtension.Direction.sent ? Kind.SENT_COPY : Kind.RECEIVED_COPY;
            return new Delivery(kind, message.getBody(), message, m);
        }
        return new Delivery(Kind.DIRECT, m.getBody(), m, m);
    }

    @Override
    public String toString() {
        return name;
    }
}
