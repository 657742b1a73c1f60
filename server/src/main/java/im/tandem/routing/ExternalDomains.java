package im.tandem.routing;

import im.tandem.stanza.Jid;
import im.tandem.xml.Element;

/**
 * Domains served by something outside the router: external components (XEP-0114) such as
 * interop gateways and push app servers. The router hands them stanzas for domains that are
 * not the server's own.
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
}
