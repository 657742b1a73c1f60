package im.tandem.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes the PEM files of the server certificate. Every failure becomes a
 * {@link TlsConfigurationException} whose message names the file.
 */
final class PemFiles {

    private PemFiles() {
    }

    /** The certificates of a PEM file in file order (leaf first); other PEM objects are skipped. */
    static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object object : readObjects(file, "certificate")) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    chain.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new TlsConfigurationException("Invalid certificate in " + file + ": " + e.getMessage(), e);
                }
            }
        }
        if (chain.isEmpty()) {
            throw new TlsConfigurationException("No certificate found in " + file
                    + " (expected a PEM block '-----BEGIN CERTIFICATE-----')");
        }
        return List.copyOf(chain);
    }

    /** The first private key of a PEM file: PKCS#8 "PRIVATE KEY", PKCS#1 "RSA PRIVATE KEY" or SEC1 "EC PRIVATE KEY". */
    static PrivateKey readPrivateKey(Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object object : readObjects(file, "private key")) {
            try {
                if (object instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            } catch (IOException e) {
                throw new TlsConfigurationException("Unsupported private key in " + file + ": " + e.getMessage(), e);
            }
            if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new TlsConfigurationException("The private key in " + file
                        + " is encrypted; Tandem needs an unencrypted key file (readable only by the server)");
            }
        }
        throw new TlsConfigurationException("No private key found in " + file + " (expected a PEM block"
                + " 'PRIVATE KEY', 'RSA PRIVATE KEY' or 'EC PRIVATE KEY')");
    }

    /** Writes certificates as PEM, replacing the file atomically. */
    static void writeCertificates(Path file, List<X509Certificate> chain) throws IOException {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            for (X509Certificate certificate : chain) {
                writer.writeObject(certificate);
            }
        }
        replace(file, pem.toString(), "rw-r--r--");
    }

    /** Writes a private key as PKCS#8 PEM, readable by the owner only where POSIX permissions exist. */
    static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        replace(file, pem.toString(), "rw-------");
    }

    /** Creates a directory (and parents), owner-only where POSIX permissions exist. */
    static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (supportsPosix(directory)) {
            Files.createDirectories(directory.toAbsolutePath().getParent());
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    private static List<Object> readObjects(Path file, String what) {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (NoSuchFileException e) {
            throw new TlsConfigurationException("The " + what + " file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new TlsConfigurationException("The " + what + " file " + file + " is not readable", e);
        } catch (IOException | RuntimeException e) {
            throw new TlsConfigurationException("The " + what + " file " + file + " is not valid PEM: "
                    + e.getMessage(), e);
        }
        return objects;
    }

    /** Writes to a temporary file created with its final permissions, then moves it into place. */
    private static void replace(Path file, String content, String posixPermissions) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary;
        if (supportsPosix(directory)) {
            FileAttribute<?> permissions = PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString(posixPermissions));
            temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp", permissions);
        } else {
            temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
        }
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.US_ASCII)) {
                writer.write(content);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
