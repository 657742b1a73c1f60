package im.tandem.mdm;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.admin.MeterNames;
import im.tandem.store.OfflineStore;
import im.tandem.support.Device;
import im.tandem.support.Device.Delivery;
import im.tandem.support.Device.Kind;
import im.tandem.support.OffsetClock;
import im.tandem.support.RawXmppClient;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.hints.element.NoCopyHint;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.csi.ClientStateIndicationManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the MDM end-to-end tests: one server whose clock the tests move forward
 * ({@link OffsetClock}), so "twenty minutes of chat", "she walks away" and "held for ten
 * minutes" take no real time; small quiet-mode limits so that each flush trigger can be reached
 * with a few messages; helpers for devices and messages.
 */
@Import(MdmTestClock.class)
@TestPropertySource(properties = {
        "tandem.mdm.buffer.session-max-stanzas=8",
        "tandem.mdm.buffer.global-max-bytes=16KB"
})
abstract class MdmServerTest extends TandemServerTest {

    static final String MARKERS = "urn:xmpp:chat-markers:0";

    static {
        // Smack 4.4 has no provider for <private/>, and its generic one trips an assertion on it
        ProviderManager.addExtensionProvider(CarbonExtension.Private.ELEMENT, CarbonCopies.NAMESPACE,
                new ExtensionElementProvider<CarbonExtension.Private>() {
                    @Override
                    public CarbonExtension.Private parse(XmlPullParser parser, int depth, XmlEnvironment env) {
                        return CarbonExtension.Private.INSTANCE;
                    }
                });
    }

    @Autowired
    Clock clock;

    @Autowired
    MeterRegistry meters;

    @Autowired
    QuietMode quietMode;

    @Autowired
    MdmMetrics mdmMetrics;

    @Autowired
    OfflineStore offlineStore;

    void later(Duration d) {
        ((OffsetClock) clock).advance(d);
    }

    Device device(XmppClients clients, String user, String resource) throws Exception {
        return device(clients, user, resource, true);
    }

    /** A device whose client does ({@code true}, Smack's default) or does not use stream management. */
    Device device(XmppClients clients, String user, String resource, boolean streamManagement) throws Exception {
        Device d = Device.login(clients, user, PASSWORD, resource, streamManagement);
        d.sync(); // initial presence handled: the newest login is the active client now
        return d;
    }

    /** Waits until {@code user} has exactly {@code expected} messages in offline storage. */
    void awaitOfflineCount(String user, long expected) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (offlineStore.fetch(user).count().block() == expected) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(user + " does not have " + expected + " offline messages");
    }

    /** A raw client of {@code user}, authenticated, before binding. */
    RawXmppClient rawLogin(String user) throws Exception {
        return RawXmppClient.authenticated(c2s.port(), serverCertificate(), DOMAIN, user, PASSWORD);
    }

    static Jid bare(String user) {
        return JidCreate.bareFromOrThrowUnchecked(user + "@" + DOMAIN);
    }

    static void chat(Device from, Jid to, String body) throws Exception {
        XMPPTCPConnection c = from.connection();
        c.sendStanza(c.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat).setBody(body).build());
    }

    static void displayed(Device from, Jid to, String id) throws Exception {
        XMPPTCPConnection c = from.connection();
        c.sendStanza(c.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat)
                .addExtension(StandardExtensionElement.builder("displayed", MARKERS).addAttribute("id", id).build())
                .build());
    }

    static void assertDelivery(Delivery d, Kind kind, String body) {
        assertThat(d.kind()).as("how %s arrived", body).isEqualTo(kind);
        assertThat(d.body()).isEqualTo(body);
    }

    double flushes(FlushTrigger trigger) {
        return meters.get(MeterNames.MDM_BUFFER_FLUSHES).tag("trigger", trigger.tag()).counter().count();
    }

    static void inactive(Device d) throws Exception {
        ClientStateIndicationManager.inactive(d.connection());
        d.sync(); // handled in order; the buffer is still empty, so the ping's answer flushes nothing
    }
}
