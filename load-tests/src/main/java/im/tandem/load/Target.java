package im.tandem.load;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The server under test.
 *
 * @param host         XMPP host to connect to
 * @param port         client port
 * @param domain       XMPP domain (the stream's {@code to})
 * @param tls          {@code direct} (TLS from the first byte, XEP-0368), {@code starttls}, or
 *                     {@code none} (plaintext: only where the server allows it, for loopback runs)
 * @param sourceAddresses local addresses to spread connections over (one loopback address runs
 *                     out of ephemeral ports near 28,000 connections)
 * @param http         base URL of Tandem's HTTP port for provisioning and metrics, or null
 * @param adminUser    admin account for the REST API
 * @param adminPassword its password
 * @param password     password of every load-test account
 * @param sasl         {@code SCRAM-SHA-1} (default), {@code SCRAM-SHA-256} or {@code PLAIN}
 */
record Target(String host, int port, String domain, String tls, List<InetSocketAddress> sourceAddresses,
              String http, String adminUser, String adminPassword, String password, String sasl) {

    InetSocketAddress sourceAddress(int n) {
        return sourceAddresses.get(n % sourceAddresses.size());
    }
}
