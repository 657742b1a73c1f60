package im.tandem.session;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Session classification, {@code tandem.sessions.*} (SPEC section 4).
 *
 * @param offsiteNetworks networks (CIDR) whose clients count as off-site: typically the
 *                        addresses of the edge (Expressway-like) proxies remote users come through
 * @param proxyProtocol   edges allowed to send a PROXY protocol header
 */
@ConfigurationProperties("tandem.sessions")
public record SessionProperties(@DefaultValue List<String> offsiteNetworks, @DefaultValue ProxyProtocol proxyProtocol) {

    public SessionProperties {
        offsiteNetworks.forEach(SessionProperties::check);
    }

    /** Off-site networks only, no trusted edges. */
    public static SessionProperties offsite(List<String> offsiteNetworks) {
        return new SessionProperties(offsiteNetworks, new ProxyProtocol(List.of()));
    }

    /** The off-site networks, parsed. */
    public List<NetworkRange> offsiteRanges() {
        return ranges(offsiteNetworks);
    }

    /**
     * {@code tandem.sessions.proxy-protocol.*}.
     *
     * @param trusted networks (CIDR) of the edges whose PROXY protocol (v1 or v2) header is
     *                believed; a connection through one counts as off-site with the address the header names
     */
    public record ProxyProtocol(@DefaultValue List<String> trusted) {

        public ProxyProtocol {
            trusted.forEach(SessionProperties::check);
        }

        public List<NetworkRange> trustedRanges() {
            return ranges(trusted);
        }
    }

    private static void check(String cidr) {
        if (!cidr.isBlank()) {
            NetworkRange.parse(cidr);
        }
    }

    private static List<NetworkRange> ranges(List<String> cidrs) {
        return cidrs.stream().filter(s -> !s.isBlank()).map(NetworkRange::parse).toList();
    }
}
