package im.tandem.component;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * External component listener and the components allowed to connect, {@code tandem.component.*}.
 *
 * @param host          address to bind; loopback by default, since the protocol has no TLS
 * @param port          5275; 0 picks a free port, -1 disables the listener
 * @param handshakeTimeout time from connect to a successful handshake
 * @param maxStanzaSize largest stanza a component may send
 * @param maxSendQueue  bytes queued for a component that does not read before it is disconnected
 * @param components    the components: domain, secret, whether it is an interop gateway
 */
@ConfigurationProperties("tandem.component")
public record ComponentProperties(
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("5275") int port,
        @DefaultValue("30s") Duration handshakeTimeout,
        @DefaultValue("256KB") DataSize maxStanzaSize,
        @DefaultValue("16MB") DataSize maxSendQueue,
        @DefaultValue List<Definition> components) {

    public ComponentProperties {
        Set<String> seen = new HashSet<>();
        for (Definition d : components) {
            if (!seen.add(d.domain())) {
                throw new IllegalArgumentException("tandem.component.components: " + d.domain() + " twice");
            }
        }
    }

    /** The definition of {@code domain}, or null. */
    public Definition find(String domain) {
        String d = domain == null ? null : domain.toLowerCase(Locale.ROOT);
        for (Definition definition : components) {
            if (definition.domain().equals(d)) {
                return definition;
            }
        }
        return null;
    }

    /**
     * One component.
     *
     * @param domain  the domain it serves, e.g. {@code push.example.com}
     * @param secret  its shared secret (XEP-0114 handshake); at least 12 characters
     * @param gateway an interop gateway: holds a hybrid session for every hybrid user
     */
    public record Definition(String domain, String secret, @DefaultValue("false") boolean gateway) {

        public Definition {
            if (domain == null || domain.isBlank() || domain.contains("@") || domain.contains("/")) {
                throw new IllegalArgumentException("tandem.component.components: a domain is needed, got " + domain);
            }
            domain = domain.trim().toLowerCase(Locale.ROOT);
            if (secret == null || secret.length() < 12) {
                throw new IllegalArgumentException("tandem.component.components: the secret of " + domain
                        + " must have at least 12 characters");
            }
        }

        @Override
        public String toString() {
            return "Definition[" + domain + ", gateway=" + gateway + "]";
        }
    }
}
