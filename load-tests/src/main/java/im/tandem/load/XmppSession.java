package im.tandem.load;

import io.netty.buffer.Unpooled;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.netty.Connection;
import reactor.netty.tcp.TcpClient;

/**
 * One XMPP client session, as little as a load test needs: connect (plaintext, direct TLS or
 * STARTTLS), SASL PLAIN, bind, optionally carbons (XEP-0280), presence; then it only counts the
 * messages that arrive (telling direct ones from carbon copies by the wrapper's namespace) and
 * answers server pings. The inbound side is a string scanner over what arrived, not an XML
 * parser: the generator must stay far cheaper than the server it measures. Certificates are not
 * checked: this talks to a server on loopback that usually has a self-signed one.
 */
final class XmppSession {

    /** Told about each message that reaches a session in streaming mode. */
    interface Deliveries {
        void message(XmppSession at, String body, boolean carbon, long receivedNanos);
    }

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern IQ_ID = Pattern.compile("id=[\"']([^\"']+)[\"']");
    private static final SslContext TLS = clientTls();

    final String user;
    final String resource;
    final int index;
    private final Target target;
    private final StringBuilder in = new StringBuilder();
    private Connection connection;
    private String marker;
    private String failMarker;
    private MonoSink<String> waiter;
    private volatile Deliveries deliveries;
    private volatile boolean closed;

    XmppSession(Target target, String user, String resource, int index) {
        this.target = target;
        this.user = user;
        this.resource = resource;
        this.index = index;
    }

    String fullJid() {
        return user + "@" + target.domain() + "/" + resource;
    }

    String bareJid() {
        return user + "@" + target.domain();
    }

    boolean isClosed() {
        return closed;
    }

    /** Connects and logs in; completes when initial presence has been sent. */
    Mono<XmppSession> login(boolean carbons, int priority) {
        TcpClient client = TcpClient.newConnection()
                .host(target.host())
                .port(target.port())
                .bindAddress(() -> target.sourceAddress(index))
                .option(io.netty.channel.ChannelOption.TCP_NODELAY, true);
        if ("direct".equals(target.tls())) {
            client = client.secure(spec -> spec.sslContext(TLS).handlerConfigurator(XmppSession::noHostnameCheck));
        }
        return client.connect()
                .flatMap(c -> {
                    this.connection = c;
                    c.inbound().receive().asString(StandardCharsets.UTF_8)
                            .subscribe(this::onData, e -> closed = true, () -> closed = true);
                    c.onDispose(() -> closed = true);
                    return openStream();
                })
                .flatMap(features -> "starttls".equals(target.tls()) ? startTls() : Mono.just(features))
                .flatMap(features -> authenticate())
                .flatMap(ok -> openStream())
                .flatMap(features -> {
                    send("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
                            + resource + "</resource></bind></iq>");
                    return expect("</iq>", null);
                })
                .flatMap(bound -> {
                    if (!bound.contains("<jid>")) {
                        return Mono.error(new IllegalStateException("bind failed: " + bound));
                    }
                    if (!carbons) {
                        return Mono.just(bound);
                    }
                    send("<iq type='set' id='carbons1'><enable xmlns='urn:xmpp:carbons:2'/></iq>");
                    return expect("carbons1", null);
                })
                .map(ignored -> {
                    send(priority == 0 ? "<presence/>" : "<presence><priority>" + priority + "</priority></presence>");
                    return this;
                })
                .timeout(STEP_TIMEOUT)
                .doOnError(e -> close());
    }

    /** SASL with the target's mechanism: PLAIN, or SCRAM (cheaper for the server: no key derivation there). */
    private Mono<String> authenticate() {
        String sasl = upper(target.sasl());
        if (sasl.equals("PLAIN")) {
            String plain = Base64.getEncoder().encodeToString(
                    ("\0" + user + "\0" + target.password()).getBytes(StandardCharsets.UTF_8));
            send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>");
            return expect("<success", "<failure");
        }
        ScramClient scram = new ScramClient(sasl, user, target.password());
        send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='" + sasl + "'>" + scram.clientFirst() + "</auth>");
        return expect("</challenge>", "<failure").flatMap(challenge -> {
            String data = challenge.substring(challenge.indexOf('>', challenge.indexOf("<challenge")) + 1,
                    challenge.length() - "</challenge>".length());
            send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + scram.clientFinal(data) + "</response>");
            return expect("<success", "<failure");
        });
    }

    private static String upper(String s) {
        return s.toUpperCase(java.util.Locale.ROOT);
    }

    private Mono<String> openStream() {
        synchronized (this) {
            in.setLength(0);
        }
        send("<?xml version='1.0'?><stream:stream to='" + target.domain() + "' version='1.0' xml:lang='en' "
                + "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>");
        return expect("</stream:features>", "</stream:stream>");
    }

    private Mono<String> startTls() {
        send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        return expect("<proceed", "<failure").flatMap(ok -> Mono.<Void>create(sink -> {
            SslHandler handler = TLS.newHandler(connection.channel().alloc(), target.host(), target.port());
            noHostnameCheck(handler);
            connection.channel().pipeline().addFirst("starttls", handler);
            handler.handshakeFuture().addListener(f -> {
                if (f.isSuccess()) {
                    sink.success();
                } else {
                    sink.error(f.cause());
                }
            });
        })).then(Mono.defer(this::openStream));
    }

    /** From now on, messages go to {@code listener}; what arrived during login is forgotten. */
    void stream(Deliveries listener) {
        synchronized (this) {
            in.setLength(0);
            this.deliveries = listener;
        }
    }

    /** Queues raw XML on the connection; safe from any thread (Netty orders writes per channel). */
    void send(String xml) {
        Connection c = connection;
        if (c != null && !closed) {
            c.channel().writeAndFlush(Unpooled.wrappedBuffer(xml.getBytes(StandardCharsets.UTF_8)));
        }
    }

    void close() {
        Connection c = connection;
        if (c != null && !closed) {
            send("</stream:stream>");
            c.dispose();
        }
        closed = true;
    }

    private Mono<String> expect(String ok, String fail) {
        return Mono.create(sink -> {
            synchronized (this) {
                this.marker = ok;
                this.failMarker = fail;
                this.waiter = sink;
                checkWaiter();
            }
        });
    }

    private void onData(String chunk) {
        synchronized (this) {
            in.append(chunk);
            if (waiter != null) {
                checkWaiter();
            } else if (deliveries != null) {
                scan();
            }
        }
    }

    /** Caller holds the monitor. */
    private void checkWaiter() {
        int at = in.indexOf(marker);
        int failed = failMarker == null ? -1 : in.indexOf(failMarker);
        if (failed >= 0 && (at < 0 || failed < at)) {
            MonoSink<String> w = waiter;
            waiter = null;
            w.error(new IllegalStateException("server said: " + in.substring(failed, Math.min(in.length(), failed + 200))));
        } else if (at >= 0) {
            String upTo = in.substring(0, at + marker.length());
            in.delete(0, at + marker.length());
            MonoSink<String> w = waiter;
            waiter = null;
            w.success(upTo);
        }
    }

    /** Streaming mode: each complete {@code <body>} is one delivered message. Caller holds the monitor. */
    private void scan() {
        int pos = 0;
        int pendingBody = -1;
        while (true) {
            int b = in.indexOf("<body>", pos);
            if (b < 0) {
                break;
            }
            int e = in.indexOf("</body>", b);
            if (e < 0) {
                pendingBody = b;
                break;
            }
            int wrapper = in.indexOf("urn:xmpp:carbons:2", pos);
            boolean carbon = wrapper >= 0 && wrapper < b;
            deliveries.message(this, in.substring(b + 6, e), carbon, System.nanoTime());
            pos = e + 7;
        }
        int ping = in.indexOf("urn:xmpp:ping", pos);
        if (ping >= 0 && (pendingBody < 0 || ping < pendingBody)) {
            int iq = in.lastIndexOf("<iq", ping);
            int end = in.indexOf(">", ping);
            if (iq >= pos && end > 0) {
                Matcher id = IQ_ID.matcher(in.substring(iq, ping));
                if (id.find() && in.substring(iq, ping).contains("get")) {
                    send("<iq type='result' id='" + id.group(1) + "' to='" + target.domain() + "'/>");
                }
                pos = end + 1;
            }
        }
        in.delete(0, pos);
        if (pendingBody < 0 && in.length() > 65_536) {
            // a flood of something else (presence): keep only what a split message could need
            in.delete(0, in.length() - 1024);
        }
    }

    private static void noHostnameCheck(SslHandler handler) {
        SSLParameters parameters = handler.engine().getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(null);
        handler.engine().setSSLParameters(parameters);
    }

    private static SslContext clientTls() {
        try {
            return SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }
}
