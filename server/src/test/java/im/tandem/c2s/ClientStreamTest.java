package im.tandem.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.c2s.sm.StreamManagement;
import im.tandem.c2s.sm.StreamManagementProperties;
import im.tandem.config.TandemProperties;
import im.tandem.feature.PreAuthIqHandler;
import im.tandem.feature.XmppFeature;
import im.tandem.routing.OfflineStorage;
import im.tandem.routing.Redelivery;
import im.tandem.routing.StanzaRouter;
import im.tandem.sasl.LoginThrottle;
import im.tandem.sasl.LoginThrottleSettings;
import im.tandem.sasl.SaslMechanisms;
import im.tandem.sasl.UserCredentials;
import im.tandem.session.CapacityProperties;
import im.tandem.session.NodeCapacity;
import im.tandem.session.SessionLocations;
import im.tandem.session.SessionProperties;
import im.tandem.session.SessionListener;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.tls.TlsProperties;
import im.tandem.transport.StreamEvent;
import im.tandem.transport.XmlStreamDecoder;
import im.tandem.xml.XmlLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.util.unit.DataSize;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** The stream state machine driven by XML text through a fake transport: no sockets. */
class ClientStreamTest {

    private static final String HEADER = "<stream:stream to='localhost' version='1.0' xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams'>";
    private static final String PLAIN_AUTH = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
            + Base64.getEncoder().encodeToString("\0alice\0secret-password".getBytes(StandardCharsets.UTF_8)) + "</auth>";

    /** Records what the stream writes and does to its connection. */
    static final class FakeTransport implements StreamTransport {
        final StringBuilder written = new StringBuilder();
        boolean secure;
        boolean closed;
        long pending;
        final List<Runnable> scheduled = new ArrayList<>();
        int tlsStarted;
        int restarts;

        public void write(String xml) {
            written.append(xml);
        }

        public long pendingBytes() {
            return pending;
        }

        public void startTls(String proceed) {
            written.append(proceed);
            tlsStarted++;
            secure = true;
        }

        public void restartStream(String success) {
            restarts++;
            written.append(success);
        }

        public boolean isSecure() {
            return secure;
        }

        public byte[] tlsServerEndPoint() {
            return null;
        }

        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }

        public Disposable schedule(Duration delay, Runnable task) {
            scheduled.add(task);
            return () -> scheduled.remove(task);
        }

        public void close() {
            closed = true;
        }
    }

    private final SessionRegistry sessions = new SessionRegistry();
    private CapacityProperties capacity = new CapacityProperties("15K", 0, false);
    private final StreamManagement streamManagement = new StreamManagement(
            new StreamManagementProperties(true, Duration.ofMinutes(5), 500, Duration.ofSeconds(60)),
            new Redelivery(sessions, message -> Mono.just(OfflineStorage.Result.NOT_STORED), "localhost"),
            Clock.systemUTC(), "localhost", new SimpleMeterRegistry(),
            new StaticListableBeanFactory().getBeanProvider(im.tandem.c2s.sm.HibernationObserver.class));
    private final FakeTransport transport = new FakeTransport();
    private final ClientStream stream = new ClientStream(transport, services());
    private final XmlStreamDecoder decoder = new XmlStreamDecoder(XmlLimits.DEFAULT);
    private int generation;

    private C2sServices services() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("streamManagement", streamManagement);
        UserCredentials alice = UserCredentials.create("alice", "secret-password", 4096);
        C2sProperties props = new C2sProperties("127.0.0.1", 0, -1, true, DataSize.ofKilobytes(256), 32, 64,
                DataSize.ofMegabytes(2), Duration.ofSeconds(60), Duration.ofSeconds(150), Duration.ofSeconds(90), 3);
        return new C2sServices(new TandemProperties("localhost", Path.of("target")), props,
                new TlsProperties(null, null, false, null), new SaslMechanisms(4096),
                name -> "alice".equals(name) ? Mono.just(alice) : Mono.empty(),
                new LoginThrottle(LoginThrottleSettings.DEFAULTS), sessions,
                beans.getBeanProvider(StanzaRouter.class), beans.getBeanProvider(XmppFeature.class),
                beans.getBeanProvider(PreAuthIqHandler.class), beans.getBeanProvider(SessionListener.class),
                beans.getBeanProvider(im.tandem.feature.StreamElementHandler.class),
                new C2sMetrics(new SimpleMeterRegistry(), sessions), streamManagement,
                new NodeCapacity(sessions,
                        new SessionLocations(sessions, SessionProperties.offsite(List.of()), new SimpleMeterRegistry()),
                        capacity, new SimpleMeterRegistry()));
    }

    /** Feeds XML as the peer; a restart of the stream (TLS, SASL) starts a new decoder generation. */
    private String feed(String xml) {
        int before = transport.written.length();
        if (transport.tlsStarted + transport.restarts > generation) {
            generation = transport.tlsStarted + transport.restarts;
            decoder.reset();
        }
        List<StreamEvent> events = new ArrayList<>();
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        decoder.feed(bytes, 0, bytes.length, events::add);
        for (StreamEvent event : events) {
            stream.handle(event).block();
        }
        return transport.written.substring(before);
    }

    static Stream<Arguments> openings() {
        return Stream.of(
                Arguments.of(HEADER, ClientStream.State.WAIT_FOR_FEATURES_BEFORE_AUTH, "<required/></starttls>"),
                Arguments.of(HEADER.replace("to='localhost'", "to='example.org'"), ClientStream.State.CLOSED, "host-unknown"),
                Arguments.of(HEADER.replace("to='localhost' ", ""), ClientStream.State.CLOSED, "host-unknown"),
                Arguments.of(HEADER.replace("jabber:client", "jabber:server"), ClientStream.State.CLOSED, "invalid-namespace"),
                Arguments.of(HEADER.replace("version='1.0'", "version='0.9'"), ClientStream.State.CLOSED, "unsupported-version"),
                Arguments.of(HEADER.replace("version='1.0' ", ""), ClientStream.State.CLOSED, "unsupported-version"));
    }

    @ParameterizedTest
    @MethodSource("openings")
    void streamHeaderDecidesTheFirstState(String header, ClientStream.State expected, String output) {
        String written = feed(header);
        assertThat(stream.state()).isEqualTo(expected);
        assertThat(written).startsWith("<?xml version='1.0'?><stream:stream").contains(output);
        assertThat(transport.closed).isEqualTo(expected == ClientStream.State.CLOSED);
    }

    static Stream<Arguments> beforeTls() {
        return Stream.of(
                Arguments.of(PLAIN_AUTH, ClientStream.State.WAIT_FOR_FEATURES_BEFORE_AUTH, "<encryption-required/>"),
                Arguments.of("<message to='bob@localhost'><body>hi</body></message>", ClientStream.State.CLOSED, "not-authorized"),
                Arguments.of("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", ClientStream.State.WAIT_FOR_STREAM, "<proceed"),
                Arguments.of("<foo xmlns='urn:example'/>", ClientStream.State.CLOSED, "not-authorized"));
    }

    @ParameterizedTest
    @MethodSource("beforeTls")
    void whatAPlaintextStreamMayDo(String element, ClientStream.State expected, String output) {
        feed(HEADER);
        assertThat(feed(element)).contains(output);
        assertThat(stream.state()).isEqualTo(expected);
    }

    @Test
    void fullLoginReachesEstablishedAndRegistersTheSession() {
        feed(HEADER);
        feed("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        assertThat(feed(HEADER)).contains("<mechanism>SCRAM-SHA-256</mechanism>").doesNotContain("starttls");
        assertThat(feed(PLAIN_AUTH)).contains("<success");
        assertThat(stream.state()).isEqualTo(ClientStream.State.WAIT_FOR_STREAM);
        assertThat(feed(HEADER)).contains("urn:ietf:params:xml:ns:xmpp-bind");
        assertThat(stream.state()).isEqualTo(ClientStream.State.WAIT_FOR_BIND);
        assertThat(feed("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>desk</resource></bind></iq>"))
                .contains("<jid>alice@localhost/desk</jid>");
        assertThat(stream.state()).isEqualTo(ClientStream.State.ESTABLISHED);
        assertThat(sessions.session(Jid.parse("alice@localhost/desk"))).isPresent();
    }

    @Test
    void eventsOfAnOlderDecoderGenerationAreIgnored() {
        feed(HEADER);
        feed("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        // an event still carrying the pre-TLS generation (pipelined plaintext) must change nothing
        stream.handle(new StreamEvent.StreamClose(0)).block();
        assertThat(stream.state()).isEqualTo(ClientStream.State.WAIT_FOR_STREAM);
        assertThat(transport.closed).isFalse();
    }

    @Test
    void wrongPasswordsFailThenCloseTheStream() {
        feed(HEADER);
        feed("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        feed(HEADER);
        String wrong = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                + Base64.getEncoder().encodeToString("\0alice\0nope".getBytes(StandardCharsets.UTF_8)) + "</auth>";
        assertThat(feed(wrong)).contains("<not-authorized/>");
        assertThat(feed(wrong)).contains("<not-authorized/>");
        assertThat(feed(wrong)).contains("<not-authorized/>").contains("policy-violation");
        assertThat(stream.state()).isEqualTo(ClientStream.State.CLOSED);
    }

    @Test
    void stanzaBeforeBindIsRefused() {
        feed(HEADER);
        feed("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        feed(HEADER);
        feed(PLAIN_AUTH);
        feed(HEADER);
        assertThat(feed("<message to='bob@localhost'><body>x</body></message>")).contains("not-authorized");
        assertThat(stream.state()).isEqualTo(ClientStream.State.CLOSED);
    }

    @Test
    void unknownMechanismAndBadBase64AreSaslFailures() {
        feed(HEADER);
        feed("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        feed(HEADER);
        assertThat(feed("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='X-FOO'>AA==</auth>"))
                .contains("<invalid-mechanism/>");
        assertThat(feed("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>!!!</auth>"))
                .contains("<incorrect-encoding/>");
        assertThat(stream.state()).isEqualTo(ClientStream.State.WAIT_FOR_FEATURES_BEFORE_AUTH);
    }

    private void login() {
        feed(HEADER);
        feed("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        feed(HEADER);
        feed(PLAIN_AUTH);
        feed(HEADER);
        feed("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>desk</resource></bind></iq>");
    }

    @Test
    void authenticationTimeoutClosesWithConnectionTimeoutUnlessBound() {
        feed(HEADER);
        assertThat(transport.scheduled).hasSize(1);
        transport.scheduled.get(0).run();
        assertThat(transport.written.toString()).contains("connection-timeout");
        assertThat(stream.state()).isEqualTo(ClientStream.State.CLOSED);
    }

    @Test
    void bindingCancelsTheAuthenticationTimeout() {
        login();
        assertThat(stream.state()).isEqualTo(ClientStream.State.ESTABLISHED);
        assertThat(transport.scheduled).isEmpty();
    }

    @Test
    void idleClientIsPingedThenTimedOut() {
        login();
        int before = transport.written.length();
        stream.pingPeer();
        assertThat(transport.written.substring(before)).contains("<ping xmlns=\"urn:xmpp:ping\"/>")
                .contains("to=\"alice@localhost/desk\"");
        stream.idleTimeout();
        assertThat(transport.written.toString()).contains("connection-timeout");
        assertThat(sessions.sessionCount()).isZero();
    }

    @Test
    void clientThatDoesNotReadIsDisconnectedInsteadOfQueueingWithoutBound() {
        login();
        transport.pending = DataSize.ofMegabytes(3).toBytes();
        stream.send(im.tandem.xml.Element.builder("message", "jabber:client").textChild("body", "jabber:client", "x").build());
        assertThat(transport.written.toString()).contains("policy-violation");
        assertThat(stream.state()).isEqualTo(ClientStream.State.CLOSED);
        assertThat(sessions.sessionCount()).isZero();
    }

    @Test
    void forgedFromClosesWithInvalidFrom() {
        login();
        assertThat(feed("<message from='bob@localhost/x' to='alice@localhost'><body>x</body></message>"))
                .contains("invalid-from");
    }

    // --- stream management (XEP-0198) ---------------------------------------------------

    private static final String SM = "urn:xmpp:sm:3";

    /** Logs in, enables resumable stream management and returns the resumption id. */
    private String loginWithStreamManagement() {
        login();
        String enabled = feed("<enable xmlns='" + SM + "' resume='true'/>");
        assertThat(enabled).startsWith("<enabled xmlns='" + SM + "' id='").contains("resume='true' max='300'");
        return enabled.replaceAll(".* id='([^']+)'.*", "$1");
    }

    @Test
    void streamManagementIsOfferedNextToBindAndNeedsABoundResource() {
        feed(HEADER);
        feed("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        assertThat(feed(HEADER)).doesNotContain(SM);
        feed(PLAIN_AUTH);
        assertThat(feed(HEADER)).contains("<sm xmlns=\"" + SM + "\"/>");
        assertThat(feed("<enable xmlns='" + SM + "'/>")).contains("<unexpected-request");
        assertThat(feed("<r xmlns='" + SM + "'/>")).contains("<unexpected-request");
        assertThat(stream.state()).isEqualTo(ClientStream.State.WAIT_FOR_BIND);
    }

    @Test
    void answersCountTheStanzasTheClientSentAfterEnabling() {
        loginWithStreamManagement();
        assertThat(feed("<r xmlns='" + SM + "'/>")).isEqualTo("<a xmlns='" + SM + "' h='0'/>");
        feed("<iq type='set' id='s'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>");
        assertThat(feed("<r xmlns='" + SM + "'/>")).isEqualTo("<a xmlns='" + SM + "' h='1'/>");
        assertThat(feed("<enable xmlns='" + SM + "'/>")).contains("<unexpected-request");
    }

    @Test
    void stanzasSentAreCountedRequestedOnceAndForgottenWhenAcknowledged() {
        loginWithStreamManagement();
        var message = im.tandem.xml.Element.builder("message", "jabber:client").textChild("body", "jabber:client", "x").build();
        int before = transport.written.length();
        stream.send(message);
        stream.send(message);
        String written = transport.written.substring(before);
        assertThat(written.split("<r xmlns", -1)).as("one outstanding request").hasSize(2);
        // h=1 leaves one open: asked again; h=2 closes the account
        assertThat(feed("<a xmlns='" + SM + "' h='1'/>")).isEqualTo("<r xmlns='" + SM + "'/>");
        assertThat(feed("<a xmlns='" + SM + "' h='2'/>")).isEmpty();
        assertThat(feed("<a xmlns='" + SM + "' h='3'/>")).contains("<undefined-condition")
                .contains("<handled-count-too-high xmlns='" + SM + "' h='3' send-count='2'/>");
        assertThat(stream.state()).isEqualTo(ClientStream.State.CLOSED);
        assertThat(sessions.sessionCount()).isZero();
    }

    @Test
    void aGracefulCloseEndsTheSessionForGood() {
        String id = loginWithStreamManagement();
        feed("</stream:stream>");
        assertThat(stream.state()).isEqualTo(ClientStream.State.CLOSED);
        assertThat(sessions.sessionCount()).isZero();
        assertThat(streamManagement.find("alice", id)).isNull();
    }

    @Test
    void aLostConnectionLeavesTheSessionWaitingForTheSameUserOnly() {
        String id = loginWithStreamManagement();
        stream.connectionLost();
        assertThat(sessions.sessionCount()).as("still registered while it may be resumed").isOne();
        assertThat(streamManagement.hibernatingCount()).isOne();
        assertThat(streamManagement.find("mallory", id)).isNull();
        assertThat(streamManagement.find("alice", id)).isNotNull();
        assertThat(streamManagement.find("alice", "no-such-id")).isNull();
    }

    @Test
    void malformedCountsAreStreamErrors() {
        loginWithStreamManagement();
        assertThat(feed("<a xmlns='" + SM + "' h='4294967296'/>")).contains("<invalid-xml");
        assertThat(stream.state()).isEqualTo(ClientStream.State.CLOSED);
    }

    // --- capacity (SPEC section 4) ------------------------------------------------------

    @Test
    void profilesGiveOneAndAHalfTimesTheirSizeAndHaHalvesIt() {
        assertThat(new CapacityProperties("5K", 0, false).sessionLimit()).isEqualTo(7_500);
        assertThat(new CapacityProperties("15K", 0, false).sessionLimit()).isEqualTo(22_500);
        assertThat(new CapacityProperties("25k", 0, false).sessionLimit()).isEqualTo(37_500);
        assertThat(new CapacityProperties("25K", 0, true).sessionLimit()).isEqualTo(18_750);
        assertThat(new CapacityProperties("15K", 100, true).sessionLimit()).isEqualTo(50);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CapacityProperties("10K", 0, false))
                .hasMessageContaining("5K, 15K or 25K");
    }
}
