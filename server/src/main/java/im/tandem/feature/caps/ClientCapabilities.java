package im.tandem.feature.caps;

import im.tandem.feature.DiscoIdentity;
import java.util.List;
import java.util.Set;

/**
 * What a client said it is and supports, from its disco#info.
 *
 * @param node the caps node, which names the client software
 * @param identities disco identities, for example client/phone
 * @param features supported features
 */
public record ClientCapabilities(String node, List<DiscoIdentity> identities, Set<String> features) {

    public boolean supports(String feature) {
        return features.contains(feature);
    }
}
