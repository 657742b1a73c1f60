package im.tandem.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredCertificateTest {

    @TempDir
    Path dir;

    private ServerCertificate load(Path certificate, Path key) {
        return ServerCertificate.load(new TlsProperties(certificate, key, false, null), dir.resolve("data"),
                "example.org");
    }

    @Test
    void loadsRsaKeyInPkcs1Format() {
        KeyPair keys = TestPki.rsa();
        X509Certificate certificate = TestPki.selfSigned(keys, "example.org", "SHA256withRSA");
        Path crt = TestPki.writePem(dir.resolve("server.crt"), certificate);
        Path key = TestPki.writePem(dir.resolve("server.key"), keys.getPrivate());
        assertThat(TestPki.read(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        ServerCertificate loaded = load(crt, key);

        assertThat(loaded.chain()).containsExactly(certificate);
        assertThat(loaded.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void loadsEcKeyInSec1Format() {
        KeyPair keys = TestPki.ec();
        X509Certificate certificate = TestPki.selfSigned(keys, "example.org", "SHA256withECDSA");
        Path crt = TestPki.writePem(dir.resolve("server.crt"), certificate);
        Path key = TestPki.writeSec1(dir.resolve("server.key"), keys);
        assertThat(TestPki.read(key)).startsWith("-----BEGIN EC PRIVATE KEY-----");

        assertThat(load(crt, key).leaf()).isEqualTo(certificate);
    }

    @Test
    void loadsRsaAndEcKeysInPkcs8Format() {
        for (KeyPair keys : List.of(TestPki.rsa(), TestPki.ec())) {
            String signature = keys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate certificate = TestPki.selfSigned(keys, "example.org", signature);
            Path crt = TestPki.writePem(dir.resolve("server.crt"), certificate);
            Path key = TestPki.writePkcs8(dir.resolve("server.key"), keys);
            assertThat(TestPki.read(key)).startsWith("-----BEGIN PRIVATE KEY-----");

            ServerCertificate loaded = load(crt, key);

            assertThat(loaded.leaf()).isEqualTo(certificate);
            assertThat(loaded.privateKey().getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        }
    }

    @Test
    void loadsWholeChainLeafFirst() {
        KeyPair leafKeys = TestPki.ec();
        X509Certificate leaf = TestPki.selfSigned(leafKeys, "example.org", "SHA256withECDSA");
        X509Certificate intermediate = TestPki.selfSigned(TestPki.ec(), "Example CA", "SHA256withECDSA");
        Path crt = TestPki.writePem(dir.resolve("chain.pem"), leaf, intermediate);
        Path key = TestPki.writePkcs8(dir.resolve("server.key"), leafKeys);

        assertThat(load(crt, key).chain()).containsExactly(leaf, intermediate);
    }

    @Test
    void keyOfAnotherCertificateIsRejected() {
        for (KeyPair keys : List.of(TestPki.rsa(), TestPki.ec())) {
            String signature = keys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            Path crt = TestPki.writePem(dir.resolve("server.crt"), TestPki.selfSigned(keys, "example.org", signature));
            KeyPair other = keys.getPrivate().getAlgorithm().equals("RSA") ? TestPki.rsa() : TestPki.ec();
            Path key = TestPki.writePkcs8(dir.resolve("other.key"), other);

            assertThatThrownBy(() -> load(crt, key))
                    .isInstanceOf(TlsConfigurationException.class)
                    .hasMessageContaining("does not match")
                    .hasMessageContaining(key.toString())
                    .hasMessageContaining(crt.toString());
        }
    }

    @Test
    void keyOfAnotherAlgorithmIsRejected() {
        Path crt = TestPki.writePem(dir.resolve("server.crt"),
                TestPki.selfSigned(TestPki.rsa(), "example.org", "SHA256withRSA"));
        Path key = TestPki.writeSec1(dir.resolve("server.key"), TestPki.ec());

        assertThatThrownBy(() -> load(crt, key)).hasMessageContaining("does not match");
    }

    @Test
    void fileWithoutPemBlocksFailsNamingTheFile() {
        Path crt = TestPki.write(dir.resolve("server.crt"), "this is not a certificate\n");
        Path key = TestPki.writePkcs8(dir.resolve("server.key"), TestPki.ec());

        assertThatThrownBy(() -> load(crt, key))
                .isInstanceOf(TlsConfigurationException.class)
                .hasMessage("No certificate found in " + crt + " (expected a PEM block '-----BEGIN CERTIFICATE-----')");
    }

    @Test
    void corruptPemFailsNamingTheFile() {
        Path crt = TestPki.write(dir.resolve("server.crt"),
                "-----BEGIN CERTIFICATE-----\n@@@ not base64 @@@\n-----END CERTIFICATE-----\n");
        Path key = TestPki.writePkcs8(dir.resolve("server.key"), TestPki.ec());

        assertThatThrownBy(() -> load(crt, key))
                .isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining(crt.toString())
                .hasMessageContaining("not valid PEM");
    }

    @Test
    void keyFileWithoutKeyFailsNamingTheFile() {
        KeyPair keys = TestPki.ec();
        X509Certificate certificate = TestPki.selfSigned(keys, "example.org", "SHA256withECDSA");
        Path crt = TestPki.writePem(dir.resolve("server.crt"), certificate);
        Path key = TestPki.writePem(dir.resolve("server.key"), certificate);

        assertThatThrownBy(() -> load(crt, key))
                .isInstanceOf(TlsConfigurationException.class)
                .hasMessageStartingWith("No private key found in " + key);
    }

    @Test
    void missingFileFailsNamingTheFile() {
        Path crt = dir.resolve("missing.crt");
        Path key = TestPki.writePkcs8(dir.resolve("server.key"), TestPki.ec());

        assertThatThrownBy(() -> load(crt, key))
                .isInstanceOf(TlsConfigurationException.class)
                .hasMessage("The certificate file " + crt + " does not exist");
    }

    @Test
    void certificateWithoutKeyIsAConfigurationError() {
        Path crt = TestPki.writePem(dir.resolve("server.crt"),
                TestPki.selfSigned(TestPki.ec(), "example.org", "SHA256withECDSA"));

        assertThatThrownBy(() -> load(crt, null))
                .isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining("only tandem.tls.certificate is set");
    }
}
