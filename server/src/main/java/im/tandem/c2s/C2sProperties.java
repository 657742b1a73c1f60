package im.tandem.c2s;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Client-to-server listener settings, {@code tandem.c2s.*}.
 *
 * @param host address to bind, all interfaces by default
 * @param port STARTTLS port (5222); 0 picks a free port
 * @param directTlsPort direct TLS port of XEP-0368 (5223); 0 picks a free port, -1 disables it
 * @param tlsRequired whether STARTTLS is mandatory on {@code port}
 * @param maxStanzaSize largest stanza a client may send
 * @param maxDepth deepest element nesting inside a stanza
 * @param maxAttributes most attributes on one element
 * @param maxSendQueue bytes queued for a client that does not read before it is disconnected
 * @param authTimeout time from connect to a bound resource
 * @param pingAfter inbound silence after which the server pings; twice this closes the stream
 * @param keepaliveInterval outbound silence after which a whitespace keepalive is sent
 * @param maxAuthAttempts failed SASL attempts on one stream before it is closed
 */
@ConfigurationProperties("tandem.c2s")
public record C2sProperties(
        @DefaultValue("0.0.0.0") String host,
        @DefaultValue("5222") int port,
        @DefaultValue("5223") int directTlsPort,
        @DefaultValue("true") boolean tlsRequired,
        @DefaultValue("256KB") DataSize maxStanzaSize,
        @DefaultValue("32") int maxDepth,
        @DefaultValue("64") int maxAttributes,
        @DefaultValue("2MB") DataSize maxSendQueue,
        @DefaultValue("60s") Duration authTimeout,
        @DefaultValue("150s") Duration pingAfter,
        @DefaultValue("90s") Duration keepaliveInterval,
        @DefaultValue("5") int maxAuthAttempts) {
}
