package im.tandem.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-signed certificate used when no certificate is configured: made on first start
 * for the XMPP domain (and, by wildcard, its subdomains such as {@code conference.<domain>}),
 * kept in {@code <data-dir>/tls/}, and reused until the domain changes.
 */
final class GeneratedCertificate {

    static final String DIRECTORY = "tls";
    static final String CERTIFICATE_FILE = "server.crt";
    static final String KEY_FILE = "server.key";

    private static final Logger log = LoggerFactory.getLogger(GeneratedCertificate.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int VALIDITY_YEARS = 10;
    /** Back-dated so that peers with a slow clock accept a freshly made certificate. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);

    private GeneratedCertificate() {
    }

    /** The certificate kept in the data directory if it is for this domain, else a new one. */
    static ServerCertificate loadOrCreate(Path dataDir, String domain) {
        Path directory = dataDir.resolve(DIRECTORY);
        Path certificateFile = directory.resolve(CERTIFICATE_FILE);
        Path keyFile = directory.resolve(KEY_FILE);
        boolean hasCertificate = Files.exists(certificateFile);
        boolean hasKey = Files.exists(keyFile);
        if (hasCertificate && hasKey) {
            try {
                ServerCertificate kept = ServerCertificate.of(PemFiles.readCertificates(certificateFile),
                        PemFiles.readPrivateKey(keyFile), certificateFile, keyFile);
                if (DomainNames.names(kept.leaf(), domain)) {
                    log.info("Using the self-signed TLS certificate {} generated for '{}'", certificateFile, domain);
                    return kept;
                }
                log.warn("The generated TLS certificate {} is for {}, but the XMPP domain is now '{}';"
                        + " generating a new self-signed certificate", certificateFile,
                        DomainNames.names(kept.leaf()), domain);
            } catch (TlsConfigurationException e) {
                log.warn("The generated TLS certificate in {} cannot be used ({}); generating a new one",
                        directory, e.getMessage());
            }
        } else if (hasCertificate || hasKey) {
            log.warn("Only one of {} and {} exists; generating a new self-signed TLS certificate",
                    certificateFile, keyFile);
        } else {
            log.info("No TLS certificate configured (tandem.tls.certificate); generating a self-signed"
                    + " certificate for '{}' in {}", domain, directory);
        }
        ServerCertificate created = generate(domain);
        try {
            PemFiles.createPrivateDirectory(directory);
            PemFiles.writePrivateKey(keyFile, created.privateKey());
            PemFiles.writeCertificates(certificateFile, List.of(created.leaf()));
        } catch (IOException e) {
            throw new TlsConfigurationException("Cannot write the generated TLS certificate to " + directory
                    + ": " + e, e);
        }
        return created;
    }

    /** A new EC P-256 key and a self-signed SHA-256 certificate for the domain and its subdomains. */
    static ServerCertificate generate(String domain) {
        String name = DomainNames.normalize(domain);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair keyPair = generator.generateKeyPair();

            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                    Date.from(now.minus(CLOCK_SKEW).toInstant()), Date.from(now.plusYears(VALIDITY_YEARS).toInstant()),
                    subject, keyPair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            // clientAuth too: server-to-server connections present the same certificate
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(name));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()));

            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
            return ServerCertificate.of(List.of(certificate), keyPair.getPrivate(), null, null);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new TlsConfigurationException("Cannot generate a self-signed TLS certificate for '" + name
                    + "': " + e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(String domain) {
        List<GeneralName> names = new ArrayList<>();
        if (DomainNames.isIpLiteral(domain)) {
            names.add(new GeneralName(GeneralName.iPAddress, domain));
        } else {
            names.add(new GeneralName(GeneralName.dNSName, domain));
            names.add(new GeneralName(GeneralName.dNSName, "*." + domain));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** A positive random serial of at most 20 octets (RFC 5280 section 4.1.2.2). */
    private static BigInteger serialNumber() {
        return new BigInteger(159, RANDOM).add(BigInteger.ONE);
    }
}
