package im.tandem.routing;

import im.tandem.stanza.Jid;
import im.tandem.xml.Element;

/**
 * Domains served by something beside the router: external components (XEP-0114) such as
 * interop gateways and push app servers, and the server's own sub-services (group chat,
 * pubsub, upload). The router hands them stanzas for domains that are not the server's own;
 * there may be several such beans, the first that knows the domain takes the stanza.
 */
public interface ExternalDomains {

    /** What became of a stanza offered to {@link #deliver}. */
    enum Outcome {
        /** Written to the entity serving the domain. */
        DELIVERED,
        /** The domain is configured but its entity is not connected now. */
        UNAVAILABLE,
        /** No such domain here. */
        UNKNOWN
    }

    /** Offers {@code stanza} (in {@code jabber:client}, {@code to} in another domain) to whoever serves {@code to}'s domain. */
    Outcome deliver(Element stanza, Jid to);

    /** Offers {@code stanza} to each of {@code all} in turn until one knows {@code to}'s domain. */
    static Outcome deliverToAny(Iterable<ExternalDomains> all, Element stanza, Jid to) {
        for (ExternalDomains domains : all) {
            Outcome outcome = domains.deliver(stanza, to);
            if (outcome != Outcome.UNKNOWN) {
                return outcome;
            }
        }
        return Outcome.UNKNOWN;
    }
}
