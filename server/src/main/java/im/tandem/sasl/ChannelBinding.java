package im.tandem.sasl;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Channel binding data of the TLS connection a client authenticates over, used by the SCRAM
 * {@code -PLUS} mechanisms (RFC 5802 section 6). The transport computes it; this package only
 * compares it with what the client proves it saw.
 *
 * @param type the channel binding type name, for example {@value #TLS_SERVER_END_POINT}
 * @param data the binding data of that type for this connection
 */
public record ChannelBinding(String type, byte[] data) {

    /** RFC 5929: a hash of the server's certificate; works with every TLS version. */
    public static final String TLS_SERVER_END_POINT = "tls-server-end-point";

    /** RFC 9266: keying material exported from TLS 1.3. */
    public static final String TLS_EXPORTER = "tls-exporter";

    private static final Pattern CB_NAME = Pattern.compile("[A-Za-z0-9.-]+");

    public ChannelBinding {
        Objects.requireNonNull(type, "type");
        if (!CB_NAME.matcher(type).matches()) {
            throw new IllegalArgumentException("invalid channel binding type: " + type);
        }
        data = data.clone();
    }

    /**
     * The {@code tls-server-end-point} binding of a server certificate (RFC 5929 section 4.1):
     * its DER encoding hashed with the hash of its signature algorithm, SHA-256 instead of MD5
     * or SHA-1.
     *
     * @return empty if the signature algorithm names no single hash (for example RSASSA-PSS,
     *     whose hash sits in parameters RFC 5929 predates)
     */
    public static Optional<ChannelBinding> tlsServerEndPoint(X509Certificate certificate) {
        String signature = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        int with = signature.indexOf("WITH");
        if (with <= 0) {
            return Optional.empty();
        }
        String hash = switch (signature.substring(0, with)) {
            case "MD5", "SHA1", "SHA256" -> "SHA-256";
            case "SHA384" -> "SHA-384";
            case "SHA512" -> "SHA-512";
            default -> null;
        };
        if (hash == null) {
            return Optional.empty();
        }
        try {
            byte[] digest = MessageDigest.getInstance(hash).digest(certificate.getEncoded());
            return Optional.of(new ChannelBinding(TLS_SERVER_END_POINT, digest));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return Optional.empty();
        }
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelBinding other && type.equals(other.type)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ChannelBinding[" + type + "]";
    }
}
