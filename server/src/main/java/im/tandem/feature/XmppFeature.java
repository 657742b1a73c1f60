package im.tandem.feature;

import im.tandem.xml.Element;
import java.util.List;

/** What a feature advertises: disco features and identities, and stream features. */
public interface XmppFeature {

    /** Features in the server's disco#info (RFC: XEP-0030 {@code <feature var=.../>}). */
    default List<String> serverFeatures() {
        return List.of();
    }

    /** Features in the disco#info of a user account (the bare JID). */
    default List<String> accountFeatures() {
        return List.of();
    }

    /** Identities of a user account in disco#info, beside account/registered (pubsub/pep, for example). */
    default List<DiscoIdentity> accountIdentities() {
        return List.of();
    }

    /** Identities of the server in disco#info. */
    default List<DiscoIdentity> serverIdentities() {
        return List.of();
    }

    /** Stream features offered before authentication, next to SASL (for example in-band registration). */
    default List<Element> preAuthStreamFeatures() {
        return List.of();
    }

    /** Stream features offered after authentication, next to resource binding. */
    default List<Element> postAuthStreamFeatures() {
        return List.of();
    }
}
