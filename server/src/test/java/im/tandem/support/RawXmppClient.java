package im.tandem.support;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A deliberately dumb XMPP client on a real socket: it writes whatever bytes a test gives it
 * (including hostile ones) and reads the server's raw output. For protocol steps no
 * library takes (SCRAM-SHA-256, malformed XML), and for asserting exact stream errors.
 */
public final class RawXmppClient implements Closeable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final StringBuilder received = new StringBuilder();
    private int consumed;
    private boolean eof;

    private RawXmppClient(Socket socket) throws IOException {
        attach(socket);
    }

    private void attach(Socket s) throws IOException {
        this.socket = s;
        s.setSoTimeout(200);
        this.in = s.getInputStream();
        this.out = s.getOutputStream();
    }

    public static RawXmppClient plain(int port) throws IOException {
        return new RawXmppClient(new Socket("127.0.0.1", port));
    }

    public static RawXmppClient directTls(int port, X509Certificate trusted) throws IOException {
        SSLSocket s = (SSLSocket) TestTls.clientContext(trusted).getSocketFactory().createSocket("127.0.0.1", port);
        s.startHandshake();
        return new RawXmppClient(s);
    }

    /** An external component (XEP-0114) connection for {@code domain}, handshake done. */
    public static RawXmppClient component(int port, String domain, String secret) throws IOException {
        RawXmppClient raw = plain(port).openComponentStream(domain);
        String id = raw.awaitMatch("<stream:stream[^>]* id='([^']+)'");
        raw.send("<handshake>" + sha1Hex(id + secret) + "</handshake>");
        raw.await("<handshake/>");
        return raw;
    }

    /** Sends a component stream header for {@code domain}. */
    public RawXmppClient openComponentStream(String domain) throws IOException {
        return send("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
                + "xmlns:stream='http://etherx.jabber.org/streams' to='" + domain + "'>");
    }

    public static String sha1Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the usual client stream header for {@code domain}. */
    public RawXmppClient openStream(String domain) throws IOException {
        return send("<?xml version='1.0'?><stream:stream to='" + domain + "' version='1.0' xml:lang='en' "
                + "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>");
    }

    public RawXmppClient send(String xml) throws IOException {
        return send(xml.getBytes(StandardCharsets.UTF_8));
    }

    public RawXmppClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Negotiates STARTTLS after the features were read; the stream must be reopened after. */
    public RawXmppClient startTls(X509Certificate trusted) throws IOException {
        send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        await("<proceed");
        return upgradeToTls(trusted);
    }

    /** Runs the TLS handshake on the open socket, after the server said proceed. */
    public RawXmppClient upgradeToTls(X509Certificate trusted) throws IOException {
        SSLContext context = TestTls.clientContext(trusted);
        SSLSocketFactory factory = context.getSocketFactory();
        SSLSocket tls = (SSLSocket) factory.createSocket(socket, "localhost", socket.getPort(), true);
        // the short read timeout is for polling; a handshake on a loaded machine may take longer
        tls.setSoTimeout(10_000);
        tls.startHandshake();
        attach(tls);
        received.setLength(0);
        consumed = 0;
        return this;
    }

    /**
     * Connects over STARTTLS and authenticates with SASL PLAIN; returns with the post-auth
     * stream features read, before resource binding (where a stream resumption would go).
     */
    public static RawXmppClient authenticated(int port, X509Certificate trusted, String domain, String user,
                                              String password) throws IOException {
        return authenticated(new Socket("127.0.0.1", port), trusted, domain, user, password);
    }

    /** {@link #authenticated(int, X509Certificate, String, String, String)} from a chosen local (loopback) address. */
    public static RawXmppClient authenticated(int port, java.net.InetAddress local, X509Certificate trusted, String domain,
                                              String user, String password) throws IOException {
        return authenticated(new Socket(java.net.InetAddress.getByName("127.0.0.1"), port, local, 0), trusted, domain,
                user, password);
    }

    private static RawXmppClient authenticated(Socket socket, X509Certificate trusted, String domain, String user,
                                               String password) throws IOException {
        return new RawXmppClient(socket).login(trusted, domain, user, password);
    }

    /**
     * A plain TCP connection from a chosen local (loopback) address that first sends
     * {@code preamble} raw (a PROXY protocol header, say); nothing else is sent yet.
     */
    public static RawXmppClient connect(int port, java.net.InetAddress local, byte[] preamble) throws IOException {
        RawXmppClient raw = new RawXmppClient(new Socket(java.net.InetAddress.getByName("127.0.0.1"), port, local, 0));
        return raw.send(preamble);
    }

    /** On a fresh plain connection: STARTTLS, then SASL PLAIN; returns with the post-auth features read. */
    public RawXmppClient login(X509Certificate trusted, String domain, String user, String password) throws IOException {
        openStream(domain).await("</stream:features>");
        startTls(trusted);
        return authenticate(domain, user, password);
    }

    /** On a fresh connection to the direct TLS port: the TLS handshake, then SASL PLAIN. */
    public RawXmppClient loginDirectTls(X509Certificate trusted, String domain, String user, String password)
            throws IOException {
        upgradeToTls(trusted);
        return authenticate(domain, user, password);
    }

    private RawXmppClient authenticate(String domain, String user, String password) throws IOException {
        openStream(domain).await("</stream:features>");
        String credentials = java.util.Base64.getEncoder()
                .encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + credentials + "</auth>");
        await("<success");
        openStream(domain).await("</stream:features>");
        return this;
    }

    /** Binds {@code resource} and sends initial presence. */
    public RawXmppClient bindAndGoOnline(String resource) throws IOException {
        return bind(resource).send("<presence/>");
    }

    /** Binds {@code resource}. */
    public RawXmppClient bind(String resource) throws IOException {
        send("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
                + "</resource></bind></iq>");
        await("</iq>");
        return this;
    }

    /** Drops the connection without {@code </stream>}, as a dead network would (the peer sees the socket close). */
    public void drop() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Waits until {@code marker} appears in what arrived after the last match, returns all text up to and including it. */
    public String await(String marker) throws IOException {
        return await(marker, Duration.ofSeconds(10));
    }

    public String await(String marker, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            int at = received.indexOf(marker, consumed);
            if (at >= 0) {
                String upTo = received.substring(consumed, at + marker.length());
                consumed = at + marker.length();
                return upTo;
            }
            if (eof || Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected '" + marker + "' but got: " + received.substring(consumed)
                        + (eof ? " (connection closed)" : " (timed out)"));
            }
            readSome();
        }
    }

    /** Waits for a regular expression, returning its first group. */
    public String awaitMatch(String regex) throws IOException {
        Pattern pattern = Pattern.compile(regex, Pattern.DOTALL);
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            Matcher m = pattern.matcher(received);
            if (m.find(consumed)) {
                consumed = m.end();
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (eof || Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected /" + regex + "/ but got: " + received.substring(consumed));
            }
            readSome();
        }
    }

    /** Reads until the server closes the connection; returns everything not yet consumed. */
    public String awaitClosed() throws IOException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!eof) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("server did not close the connection; got: " + received.substring(consumed));
            }
            readSome();
        }
        return received.substring(consumed);
    }

    private void readSome() throws IOException {
        byte[] buf = new byte[8192];
        try {
            int n = in.read(buf);
            if (n < 0) {
                eof = true;
            } else {
                received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            // poll again
        } catch (IOException e) {
            eof = true;
        }
    }

    public boolean isClosedByServer() {
        return eof;
    }

    /** Everything the server sent so far. */
    public String transcript() {
        return received.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

}
