package im.tandem.tls;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate chain and private key this server presents in TLS, with the values derived
 * from the leaf certificate that clients compare: the SHA-256 fingerprint and the RFC 5929
 * {@code tls-server-end-point} channel binding.
 *
 * <p>Made by {@link #load}: from the PEM files of {@code tandem.tls.certificate} and
 * {@code tandem.tls.private-key}, or, when neither is set, from the self-signed certificate
 * that is generated for the XMPP domain on first start and kept in
 * {@code <data-dir>/tls/server.crt} and {@code server.key}.
 */
public final class ServerCertificate {

    private static final Logger log = LoggerFactory.getLogger(ServerCertificate.class);

    private final X509Certificate[] chain;
    private final PrivateKey privateKey;
    private final String sha256Fingerprint;
    private final byte[] tlsServerEndPoint;

    private ServerCertificate(List<X509Certificate> chain, PrivateKey privateKey) {
        this.chain = chain.toArray(X509Certificate[]::new);
        this.privateKey = privateKey;
        this.sha256Fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(sha256(CertificateDigests.encoded(chain.get(0))));
        this.tlsServerEndPoint = CertificateDigests.tlsServerEndPoint(chain.get(0));
    }

    /**
     * Loads the configured certificate, or the generated one when none is configured.
     *
     * @param props the {@code tandem.tls} settings
     * @param dataDir {@code tandem.data-dir}, where a generated certificate is kept
     * @param domain the XMPP domain a generated certificate is made for
     * @throws TlsConfigurationException naming the file or setting at fault
     */
    public static ServerCertificate load(TlsProperties props, Path dataDir, String domain) {
        ServerCertificate loaded;
        if (props.certificate() == null && props.privateKey() == null) {
            loaded = GeneratedCertificate.loadOrCreate(dataDir, domain);
        } else if (props.certificate() == null || props.privateKey() == null) {
            throw new TlsConfigurationException("tandem.tls.certificate and tandem.tls.private-key must be set"
                    + " together (or neither, to use a generated self-signed certificate); only "
                    + (props.certificate() == null ? "tandem.tls.private-key" : "tandem.tls.certificate")
                    + " is set");
        } else {
            loaded = of(PemFiles.readCertificates(props.certificate()), PemFiles.readPrivateKey(props.privateKey()),
                    props.certificate(), props.privateKey());
            if (!DomainNames.covers(loaded.leaf(), domain)) {
                log.warn("The TLS certificate {} does not name the XMPP domain '{}'; clients will reject it",
                        props.certificate(), domain);
            }
        }
        log.info("TLS certificate for {} (valid until {}), SHA-256 fingerprint {}",
                loaded.leaf().getSubjectX500Principal().getName(), loaded.leaf().getNotAfter().toInstant(),
                loaded.sha256Fingerprint());
        return loaded;
    }

    /**
     * A server certificate from a chain (leaf first) and the leaf's private key.
     *
     * @throws TlsConfigurationException if the key does not belong to the leaf certificate
     */
    static ServerCertificate of(List<X509Certificate> chain, PrivateKey privateKey, Path certificateFile,
            Path keyFile) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (chain.isEmpty()) {
            throw new TlsConfigurationException("No certificate found in " + certificateFile);
        }
        if (!KeyMatch.matches(chain.get(0).getPublicKey(), privateKey)) {
            throw new TlsConfigurationException("The private key in " + keyFile
                    + " does not match the certificate in " + certificateFile
                    + " (the public key of the first certificate differs from the key pair's public key)");
        }
        return new ServerCertificate(chain, privateKey);
    }

    /** The certificate chain presented to peers, leaf first; a copy. */
    public X509Certificate[] chain() {
        return chain.clone();
    }

    /** The leaf (end-entity) certificate. */
    public X509Certificate leaf() {
        return chain[0];
    }

    /** The private key of the leaf certificate. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** SHA-256 of the leaf certificate's DER encoding, as upper-case hex pairs joined by colons. */
    public String sha256Fingerprint() {
        return sha256Fingerprint;
    }

    /**
     * The RFC 5929 {@code tls-server-end-point} channel binding data: the hash of the leaf
     * certificate's DER encoding, using the hash of its signature algorithm, or SHA-256 when that
     * is MD5 or SHA-1. A copy.
     */
    public byte[] tlsServerEndPoint() {
        return tlsServerEndPoint.clone();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
