package im.tandem.sasl;

import java.util.Locale;

/** SASL failure conditions of RFC 6120 section 6.5, namespace {@value #NAMESPACE}. */
public enum SaslFailure {
    ABORTED,
    ACCOUNT_DISABLED,
    CREDENTIALS_EXPIRED,
    ENCRYPTION_REQUIRED,
    INCORRECT_ENCODING,
    INVALID_AUTHZID,
    INVALID_MECHANISM,
    MALFORMED_REQUEST,
    MECHANISM_TOO_WEAK,
    NOT_AUTHORIZED,
    TEMPORARY_AUTH_FAILURE;

    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-sasl";

    /** The element name on the wire, for example {@code not-authorized}. */
    public String elementName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
