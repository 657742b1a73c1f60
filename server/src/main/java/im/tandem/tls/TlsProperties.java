package im.tandem.tls;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS settings under {@code tandem.tls} (SPEC.md section 2a).
 *
 * @param certificate PEM file holding the certificate chain, leaf first; {@code null} to use
 *     the self-signed certificate generated in the data directory
 * @param privateKey PEM file holding the private key of the leaf certificate (PKCS#8, PKCS#1
 *     or SEC1, unencrypted); must be set exactly when {@code certificate} is
 * @param allowPlaintextAuth whether SASL may run before TLS; only for loopback tests
 * @param protocols the TLS protocol versions to enable; only {@code TLSv1.3} and
 *     {@code TLSv1.2} are accepted
 */
@ConfigurationProperties("tandem.tls")
public record TlsProperties(
        Path certificate,
        Path privateKey,
        @DefaultValue("false") boolean allowPlaintextAuth,
        @DefaultValue({"TLSv1.3", "TLSv1.2"}) List<String> protocols) {

    /** The protocols enabled when none are configured. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TlsProperties {
        protocols = protocols == null ? DEFAULT_PROTOCOLS : List.copyOf(protocols);
    }

    /** Properties with every default: generated certificate, TLS 1.3 and 1.2. */
    public static TlsProperties defaults() {
        return new TlsProperties(null, null, false, DEFAULT_PROTOCOLS);
    }
}
