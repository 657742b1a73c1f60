package im.tandem.feature.socks5;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The SOCKS5 bytestreams proxy, {@code tandem.socks5.*}.
 *
 * @param enabled          serve the proxy at all
 * @param domain           the service's JID; empty for {@code proxy.<tandem.domain>}
 * @param host             the address the listener binds
 * @param publicHost       the host clients are told to connect to; empty for {@code tandem.domain}
 * @param port             the listener's port (0: any free port, for tests)
 * @param maxPending       connections that may wait for their peer or activation at once, node-wide
 * @param handshakeTimeout how long a connection may take for the SOCKS5 greeting and request
 * @param pendingTimeout   how long a connection may wait for its peer and the activation
 * @param idleTimeout      an active stream with no bytes either way for this long is closed
 * @param maxBytesPerStream bytes one stream may relay, both directions together
 */
@ConfigurationProperties("tandem.socks5")
public record Socks5Properties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") String domain,
        @DefaultValue("0.0.0.0") String host,
        @DefaultValue("") String publicHost,
        @DefaultValue("7777") int port,
        @DefaultValue("1000") int maxPending,
        @DefaultValue("10s") Duration handshakeTimeout,
        @DefaultValue("2m") Duration pendingTimeout,
        @DefaultValue("5m") Duration idleTimeout,
        @DefaultValue("1GB") DataSize maxBytesPerStream) {

    public String serviceDomain(String serverDomain) {
        return domain == null || domain.isBlank() ? "proxy." + serverDomain : domain.strip();
    }

    public String streamHost(String serverDomain) {
        return publicHost == null || publicHost.isBlank() ? serverDomain : publicHost.strip();
    }
}
