package im.tandem.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Hashes of a certificate's DER encoding, chosen by RFC 5929 section 4.1. */
final class CertificateDigests {

    private CertificateDigests() {
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new TlsConfigurationException("Cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /**
     * The {@code tls-server-end-point} binding: the certificate hashed with the hash function of
     * its signature algorithm, SHA-256 if that is MD5 or SHA-1. Where the signature algorithm
     * names no usable hash (RFC 5929 leaves this undefined), SHA-256 is used too.
     */
    static byte[] tlsServerEndPoint(X509Certificate certificate) {
        byte[] der = encoded(certificate);
        AlgorithmIdentifier digest = digestOfSignature(der);
        if (digest == null
                || digest.getAlgorithm().equals(PKCSObjectIdentifiers.md5)
                || digest.getAlgorithm().equals(OIWObjectIdentifiers.idSHA1)) {
            return ServerCertificate.sha256(der);
        }
        try {
            DigestCalculator calculator = new JcaDigestCalculatorProviderBuilder().build().get(digest);
            try (OutputStream out = calculator.getOutputStream()) {
                out.write(der);
            }
            return calculator.getDigest();
        } catch (OperatorCreationException | IOException e) {
            return ServerCertificate.sha256(der);
        }
    }

    private static AlgorithmIdentifier digestOfSignature(byte[] der) {
        try {
            AlgorithmIdentifier signature = new X509CertificateHolder(der).getSignatureAlgorithm();
            return new DefaultDigestAlgorithmIdentifierFinder().find(signature);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
