package im.tandem.session;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Session classification, {@code tandem.sessions.*} (SPEC section 4).
 *
 * @param offsiteNetworks networks (CIDR) whose clients count as off-site: typically the
 *                        addresses of the edge (Expressway-like) proxies remote users come through
 */
@ConfigurationProperties("tandem.sessions")
public record SessionProperties(@DefaultValue List<String> offsiteNetworks) {
}
