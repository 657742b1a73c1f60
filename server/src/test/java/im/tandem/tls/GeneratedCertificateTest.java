package im.tandem.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedCertificateTest {

    @TempDir
    Path dataDir;

    private Path certificateFile() {
        return dataDir.resolve("tls").resolve("server.crt");
    }

    private Path keyFile() {
        return dataDir.resolve("tls").resolve("server.key");
    }

    @Test
    void firstStartGeneratesAndWritesCertificateAndKey() throws Exception {
        ServerCertificate certificate = ServerCertificate.load(TlsProperties.defaults(), dataDir, "example.org");

        assertThat(certificateFile()).exists();
        assertThat(keyFile()).exists();
        assertThat(TestPki.read(certificateFile())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(TestPki.read(keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");

        X509Certificate leaf = certificate.leaf();
        assertThat(certificate.chain()).containsExactly(leaf);
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=example.org");
        assertThat(DomainNames.names(leaf)).containsExactly("example.org", "*.example.org");
        assertThat(DomainNames.covers(leaf, "conference.example.org")).isTrue();
        assertThat(DomainNames.covers(leaf, "upload.example.org")).isTrue();
        assertThat(DomainNames.covers(leaf, "example.com")).isFalse();
        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.privateKey().getAlgorithm()).isEqualTo("EC");
        Duration validity = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        assertThat(validity).isGreaterThan(Duration.ofDays(3650));
        assertThat(leaf.getNotBefore().toInstant()).isBefore(Instant.now());
        leaf.verify(leaf.getPublicKey());

        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded());
        assertThat(certificate.sha256Fingerprint()).hasSize(32 * 3 - 1).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(certificate.sha256Fingerprint().replace(":", ""))
                .isEqualToIgnoringCase(java.util.HexFormat.of().formatHex(sha256));
    }

    @Test
    void keyFileIsReadableByOwnerOnly() throws Exception {
        ServerCertificate.load(TlsProperties.defaults(), dataDir, "example.org");

        if (Files.getFileStore(dataDir).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile());
            assertThat(PosixFilePermissions.toString(permissions)).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("tls"))))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void laterStartsReuseTheGeneratedCertificate() throws Exception {
        ServerCertificate first = ServerCertificate.load(TlsProperties.defaults(), dataDir, "example.org");
        String pem = TestPki.read(certificateFile());

        ServerCertificate second = ServerCertificate.load(TlsProperties.defaults(), dataDir, "EXAMPLE.org");

        assertThat(second.sha256Fingerprint()).isEqualTo(first.sha256Fingerprint());
        assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
        assertThat(TestPki.read(certificateFile())).isEqualTo(pem);
    }

    @Test
    void domainChangeRegeneratesTheCertificate() {
        ServerCertificate first = ServerCertificate.load(TlsProperties.defaults(), dataDir, "example.org");

        ServerCertificate second = ServerCertificate.load(TlsProperties.defaults(), dataDir, "example.net");

        assertThat(second.sha256Fingerprint()).isNotEqualTo(first.sha256Fingerprint());
        assertThat(DomainNames.names(second.leaf())).containsExactly("example.net", "*.example.net");
        ServerCertificate third = ServerCertificate.load(TlsProperties.defaults(), dataDir, "example.net");
        assertThat(third.sha256Fingerprint()).isEqualTo(second.sha256Fingerprint());
    }

    @Test
    void unusableGeneratedFilesAreReplaced() {
        ServerCertificate.load(TlsProperties.defaults(), dataDir, "example.org");
        TestPki.write(keyFile(), "not a key");

        ServerCertificate replaced = ServerCertificate.load(TlsProperties.defaults(), dataDir, "example.org");

        assertThat(TestPki.read(keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(ServerCertificate.load(TlsProperties.defaults(), dataDir, "example.org").sha256Fingerprint())
                .isEqualTo(replaced.sha256Fingerprint());
    }

    @Test
    void ipLiteralDomainGetsAnIpAddressName() {
        ServerCertificate first = ServerCertificate.load(TlsProperties.defaults(), dataDir, "::1");

        assertThat(DomainNames.covers(first.leaf(), "0:0:0:0:0:0:0:1")).isTrue();
        assertThat(ServerCertificate.load(TlsProperties.defaults(), dataDir, "::1").sha256Fingerprint())
                .isEqualTo(first.sha256Fingerprint());
    }
}
