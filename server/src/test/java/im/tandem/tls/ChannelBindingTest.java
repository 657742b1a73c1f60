package im.tandem.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 5929 section 4.1: tls-server-end-point hashes the leaf with its signature's hash. */
class ChannelBindingTest {

    @TempDir
    Path dir;

    private ServerCertificate load(KeyPair keys, String signatureAlgorithm) {
        X509Certificate certificate = TestPki.selfSigned(keys, "example.org", signatureAlgorithm);
        Path crt = TestPki.writePem(dir.resolve("server.crt"), certificate);
        Path key = TestPki.writePkcs8(dir.resolve("server.key"), keys);
        return ServerCertificate.load(new TlsProperties(crt, key, false, null), dir, "example.org");
    }

    private static byte[] hash(String algorithm, X509Certificate certificate) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
    }

    @Test
    void ecdsaSha256CertificateBindsWithSha256OfLeaf() throws Exception {
        ServerCertificate certificate = load(TestPki.ec(), "SHA256withECDSA");

        assertThat(certificate.tlsServerEndPoint()).isEqualTo(hash("SHA-256", certificate.leaf()));
    }

    @Test
    void generatedCertificateBindsWithSha256OfLeaf() throws Exception {
        ServerCertificate certificate = ServerCertificate.load(TlsProperties.defaults(), dir, "example.org");

        assertThat(certificate.tlsServerEndPoint()).isEqualTo(hash("SHA-256", certificate.leaf()));
    }

    @Test
    void sha384SignatureBindsWithSha384() throws Exception {
        ServerCertificate certificate = load(TestPki.ec(), "SHA384withECDSA");

        assertThat(certificate.tlsServerEndPoint()).hasSize(48).isEqualTo(hash("SHA-384", certificate.leaf()));
    }

    @Test
    void sha512RsaSignatureBindsWithSha512() throws Exception {
        ServerCertificate certificate = load(TestPki.rsa(), "SHA512withRSA");

        assertThat(certificate.tlsServerEndPoint()).isEqualTo(hash("SHA-512", certificate.leaf()));
    }

    @Test
    void sha1SignatureBindsWithSha256() throws Exception {
        ServerCertificate certificate = load(TestPki.rsa(), "SHA1withRSA");

        assertThat(certificate.tlsServerEndPoint()).isEqualTo(hash("SHA-256", certificate.leaf()));
    }

    @Test
    void bindingIsACopy() {
        ServerCertificate certificate = load(TestPki.ec(), "SHA256withECDSA");
        byte[] changed = certificate.tlsServerEndPoint();
        changed[0] ^= 1;

        assertThat(certificate.tlsServerEndPoint()).isNotEqualTo(changed);
    }
}
