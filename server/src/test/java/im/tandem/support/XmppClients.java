package im.tandem.support;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * Real Smack clients for end-to-end tests, over real TLS that trusts exactly the server's
 * certificate. Every client made here is disconnected by {@link #close()}.
 */
public final class XmppClients implements AutoCloseable {

    private final int port;
    private final int directTlsPort;
    private final X509Certificate certificate;
    private final List<XMPPTCPConnection> opened = new ArrayList<>();

    public XmppClients(int port, int directTlsPort, X509Certificate certificate) {
        this.port = port;
        this.directTlsPort = directTlsPort;
        this.certificate = certificate;
    }

    /** A configuration for STARTTLS with SCRAM-SHA-1 (Smack 4.4 has no SCRAM-SHA-256). */
    public XMPPTCPConnectionConfiguration.Builder configuration(String username, String password, String resource) {
        try {
            return XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(JidCreate.domainBareFrom(TandemServerTest.DOMAIN))
                    .setHostAddress(InetAddress.getLoopbackAddress())
                    .setPort(port)
                    .setUsernameAndPassword(username, password)
                    .setResource(Resourcepart.from(resource))
                    .setSecurityMode(SecurityMode.required)
                    .setCustomX509TrustManager(TestTls.trustManager(certificate))
                    .addEnabledSaslMechanism("SCRAM-SHA-1")
                    .setSendPresence(true)
                    .setConnectTimeout(10_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connected, logged-in client with initial presence sent. */
    public XMPPTCPConnection login(String username, String password, String resource) throws Exception {
        return connect(configuration(username, password, resource).build());
    }

    /** A client over direct TLS (XEP-0368): TLS from the first byte, no STARTTLS. */
    public XMPPTCPConnection loginDirectTls(String username, String password, String resource) throws Exception {
        var config = configuration(username, password, resource)
                .setPort(directTlsPort)
                .setSocketFactory(TestTls.clientContext(certificate).getSocketFactory())
                .setSecurityMode(SecurityMode.disabled)
                .build();
        return connect(config);
    }

    public XMPPTCPConnection connect(XMPPTCPConnectionConfiguration config) throws Exception {
        XMPPTCPConnection connection = unconnected(config);
        connection.connect().login();
        return connection;
    }

    /** A client not connected yet, for listeners that must see the very first stanzas; closed by {@link #close()}. */
    public XMPPTCPConnection unconnected(XMPPTCPConnectionConfiguration config) {
        XMPPTCPConnection connection = new XMPPTCPConnection(config);
        connection.setReplyTimeout(10_000);
        opened.add(connection);
        return connection;
    }

    @Override
    public void close() {
        for (XMPPTCPConnection c : opened) {
            if (c.isConnected()) {
                c.disconnect();
            }
        }
    }
}
