import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Smoke test of the packaged server, run by .ci/run as a single-file program:
 * java SmokeClient.java PORT DATA_DIR USER PASSWORD. Connects, negotiates STARTTLS
 * trusting only the certificate the server generated in DATA_DIR, logs in with
 * SCRAM-SHA-256, binds a resource and pings the server. Exit code 0 means all of it worked.
 */
public class SmokeClient {

    static InputStream in;
    static OutputStream out;
    static final StringBuilder buffer = new StringBuilder();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path cert = Path.of(args[1], "tls", "server.crt");
        String user = args[2];
        String password = args[3];
        String header = "<?xml version='1.0'?><stream:stream to='localhost' version='1.0' xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams'>";

        Socket plain = new Socket("127.0.0.1", port);
        plain.setSoTimeout(15000);
        in = plain.getInputStream();
        out = plain.getOutputStream();
        send(header);
        await("</stream:features>");
        send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        await("<proceed");

        X509Certificate trusted;
        try (InputStream pem = Files.newInputStream(cert)) {
            trusted = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("tandem", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true);
        tls.startHandshake();
        in = tls.getInputStream();
        out = tls.getOutputStream();
        buffer.setLength(0);

        send(header);
        await("SCRAM-SHA-256");
        await("</stream:features>");
        byte[] nonceBytes = new byte[18];
        new SecureRandom().nextBytes(nonceBytes);
        String nonce = Base64.getEncoder().encodeToString(nonceBytes);
        String clientFirstBare = "n=" + user + ",r=" + nonce;
        send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>"
                + b64("n,," + clientFirstBare) + "</auth>");
        String serverFirst = new String(Base64.getDecoder().decode(match("<challenge[^>]*>([^<]+)</challenge>")),
                StandardCharsets.UTF_8);
        String serverNonce = field(serverFirst, "r");
        byte[] salt = Base64.getDecoder().decode(field(serverFirst, "s"));
        int iterations = Integer.parseInt(field(serverFirst, "i"));
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        String withoutProof = "c=biws,r=" + serverNonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] signature = hmac(storedKey, authMessage);
        for (int i = 0; i < clientKey.length; i++) {
            clientKey[i] ^= signature[i];
        }
        send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                + b64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(clientKey)) + "</response>");
        await("<success");

        send(header);
        await("</stream:features>");
        send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>smoke</resource></bind></iq>");
        String jid = match("<jid>([^<]+)</jid>");
        send("<iq type='get' id='ping' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
        await("id=\"ping\"");
        send("</stream:stream>");
        System.out.println("smoke: logged in and bound " + jid + " over STARTTLS with SCRAM-SHA-256, ping answered");
        tls.close();
    }

    static String field(String message, String name) {
        for (String part : message.split(",")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("no " + name + " in " + message);
    }

    static byte[] hmac(byte[] key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static void send(String xml) throws Exception {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static void await(String marker) throws Exception {
        while (buffer.indexOf(marker) < 0) {
            read();
        }
        buffer.delete(0, buffer.indexOf(marker) + marker.length());
    }

    static String match(String regex) throws Exception {
        Pattern p = Pattern.compile(regex);
        while (true) {
            Matcher m = p.matcher(buffer);
            if (m.find()) {
                String g = m.group(1);
                buffer.delete(0, m.end());
                return g;
            }
            read();
        }
    }

    static void read() throws Exception {
        byte[] b = new byte[8192];
        int n = in.read(b);
        if (n < 0) {
            throw new IllegalStateException("server closed the stream; received: " + buffer);
        }
        buffer.append(new String(b, 0, n, StandardCharsets.UTF_8));
        if (buffer.indexOf("<failure") >= 0 || buffer.indexOf("<stream:error") >= 0) {
            throw new IllegalStateException("server refused: " + buffer);
        }
    }
}
