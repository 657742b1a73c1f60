package im.tandem.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/** Real handshakes against a Reactor Netty server on a loopback port with the {@link ServerTls} handler. */
class ServerTlsTest {

    @TempDir
    static Path dataDir;

    static ServerCertificate certificate;

    private DisposableServer server;

    @BeforeAll
    static void generateCertificate() {
        certificate = ServerCertificate.load(TlsProperties.defaults(), dataDir, "localhost");
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.disposeNow();
        }
    }

    private static ServerTls tls(String... protocols) {
        return new ServerTls(new TlsProperties(null, null, false, protocols.length == 0 ? null : List.of(protocols)),
                certificate);
    }

    /** Direct TLS: the handler goes in as the connection opens and the server greets after the handshake. */
    private int startDirectTls(ServerTls tls) {
        server = TcpServer.create()
                .host("127.0.0.1")
                .port(0)
                .doOnConnection(connection -> connection.addHandlerFirst("tls",
                        tls.newHandler(connection.channel().alloc())))
                .handle((in, out) -> out.sendString(Mono.just("hello\n")).then(in.receive().then()))
                .bindNow();
        return server.port();
    }

    private static SSLSocket connect(int port, String... clientProtocols) throws IOException {
        SSLSocket socket = (SSLSocket) TestPki.trusting(certificate.leaf()).getSocketFactory()
                .createSocket("localhost", port);
        socket.setSoTimeout(10_000);
        if (clientProtocols.length > 0) {
            socket.setEnabledProtocols(clientProtocols);
        }
        return socket;
    }

    @Test
    void handshakeNegotiatesTls13ByDefault() throws Exception {
        int port = startDirectTls(tls());

        try (SSLSocket socket = connect(port)) {
            socket.startHandshake();

            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(readLine(socket.getInputStream())).isEqualTo("hello");
            byte[] peerLeaf = socket.getSession().getPeerCertificates()[0].getEncoded();
            assertThat(MessageDigest.getInstance("SHA-256").digest(peerLeaf))
                    .isEqualTo(certificate.tlsServerEndPoint());
        }
    }

    @Test
    void handshakeNegotiatesTls12WhenOnlyThatIsConfigured() throws Exception {
        int port = startDirectTls(tls("TLSv1.2"));

        try (SSLSocket socket = connect(port)) {
            socket.startHandshake();

            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(socket.getSession().getCipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_").contains("GCM");
            assertThat(readLine(socket.getInputStream())).isEqualTo("hello");
        }
    }

    @Test
    void clientLimitedToTls11FailsTheHandshake() throws Exception {
        int port = startDirectTls(tls());

        try (SSLSocket socket = connect(port, "TLSv1.1")) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }

    /**
     * The JDK client refuses TLS 1.1 by itself (jdk.tls.disabledAlgorithms), so this sends a raw
     * TLS 1.1 ClientHello to show that the server, too, refuses it: it closes the connection
     * (at most after an alert) without a ServerHello.
     */
    @Test
    void serverAnswersTls11ClientHelloWithAlert() throws Exception {
        int port = startDirectTls(tls());

        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(tls11ClientHello());
            out.flush();

            // readAllBytes returns only once the server has closed the connection
            byte[] answer = socket.getInputStream().readAllBytes();
            int contentType = answer.length == 0 ? -1 : answer[0];
            assertThat(contentType).as("TLS record type (21 = alert, 22 = handshake, -1 = closed)")
                    .isIn(21, -1);
        }
    }

    @Test
    void startTlsHandlerSendsFirstMessageInPlainText() throws Exception {
        ServerTls tls = tls();
        server = TcpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((in, out) -> {
                    in.withConnection(connection -> connection.addHandlerFirst("tls",
                            tls.newHandler(connection.channel().alloc(), true)));
                    return out.sendString(Mono.just("<proceed/>\n"))
                            .then(out.sendString(Mono.just("secured\n")))
                            .then(in.receive().then());
                })
                .bindNow();

        try (Socket plain = new Socket("127.0.0.1", server.port())) {
            plain.setSoTimeout(10_000);
            assertThat(readLine(plain.getInputStream())).isEqualTo("<proceed/>");
            try (SSLSocket secured = (SSLSocket) TestPki.trusting(certificate.leaf()).getSocketFactory()
                    .createSocket(plain, "localhost", server.port(), true)) {
                secured.startHandshake();

                assertThat(secured.getSession().getProtocol()).isEqualTo("TLSv1.3");
                assertThat(readLine(secured.getInputStream())).isEqualTo("secured");
            }
        }
    }

    @Test
    void tls11InConfigurationIsRejected() {
        assertThatThrownBy(() -> tls("TLSv1.3", "TLSv1.1"))
                .isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining("tandem.tls.protocols contains 'TLSv1.1', which is not allowed");
    }

    @Test
    void emptyProtocolListIsRejected() {
        assertThatThrownBy(() -> new ServerTls(new TlsProperties(null, null, false, List.of()), certificate))
                .isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining("tandem.tls.protocols is empty");
    }

    @Test
    void protocolNamesAreCanonicalized() {
        assertThat(tls("tlsv1.2", "TLSv1.2").protocols()).containsExactly("TLSv1.2");
        assertThat(tls().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }

    @Test
    void onlyForwardSecretAeadCipherSuitesAreEnabled() {
        List<String> suites = tls().context().cipherSuites();

        assertThat(suites).contains("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThat(suites).allSatisfy(suite -> assertThat(suite)
                .doesNotContain("NULL", "anon", "EXPORT", "RC4", "3DES", "_DES_", "CBC", "MD5")
                .matches("TLS_(AES|CHACHA20)_.*|TLS_(ECDHE|DHE)_.*"));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed after '" + line + "'");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** A minimal TLS 1.1 ClientHello offering two suites that TLS 1.1 allows. */
    private static byte[] tls11ClientHello() {
        byte[] body = new byte[2 + 32 + 1 + 2 + 4 + 1 + 1];
        int i = 0;
        body[i++] = 3;
        body[i++] = 2; // client_version TLS 1.1
        i += 32; // random: zeros will do
        body[i++] = 0; // no session id
        body[i++] = 0;
        body[i++] = 4; // two cipher suites
        body[i++] = (byte) 0xC0;
        body[i++] = 0x13; // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
        body[i++] = 0x00;
        body[i++] = 0x2F; // TLS_RSA_WITH_AES_128_CBC_SHA
        body[i++] = 1;
        body[i] = 0; // null compression
        byte[] record = new byte[5 + 4 + body.length];
        record[0] = 22; // handshake
        record[1] = 3;
        record[2] = 2;
        record[3] = (byte) ((4 + body.length) >> 8);
        record[4] = (byte) (4 + body.length);
        record[5] = 1; // client_hello
        record[6] = 0;
        record[7] = (byte) (body.length >> 8);
        record[8] = (byte) body.length;
        System.arraycopy(body, 0, record, 9, body.length);
        return record;
    }
}
