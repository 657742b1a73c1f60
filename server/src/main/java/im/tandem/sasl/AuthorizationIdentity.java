package im.tandem.sasl;

import java.util.Locale;

/**
 * The authorization identity rule shared by all mechanisms: Tandem lets nobody act as someone
 * else, so an authzid must be absent or name the authenticating account itself, either as the
 * bare username or as the bare JID {@code username@domain}.
 */
final class AuthorizationIdentity {

    private AuthorizationIdentity() {
    }

    /**
     * @param domain the XMPP domain of this server, or null to accept only the bare username
     * @throws SaslRejection with {@link SaslFailure#INVALID_AUTHZID} if the authzid names
     *     anyone else
     */
    static void check(String authzid, String username, String domain) throws SaslRejection {
        if (authzid.isEmpty()) {
            return;
        }
        // Localparts and domains compare case-insensitively (RFC 7622 UsernameCaseMapped);
        // full Unicode case folding is left to the account store that owns the canonical form.
        String requested = authzid.toLowerCase(Locale.ROOT);
        String self = username.toLowerCase(Locale.ROOT);
        if (requested.equals(self)
                || (domain != null && requested.equals(self + "@" + domain.toLowerCase(Locale.ROOT)))) {
            return;
        }
        throw new SaslRejection(SaslFailure.INVALID_AUTHZID, "authzid must name the authenticating account");
    }
}
