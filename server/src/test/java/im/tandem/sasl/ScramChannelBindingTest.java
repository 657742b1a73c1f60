package im.tandem.sasl;

import static im.tandem.sasl.ScramNegotiationTest.conditionOf;
import static im.tandem.sasl.ScramNegotiationTest.respond;
import static im.tandem.sasl.ScramNegotiationTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class ScramChannelBindingTest {

    private static final UserCredentials USER = UserCredentials.create("user", "pencil", 4096);
    private static final CredentialLookup LOOKUP = name -> Mono.just(USER);
    private static final byte[] CERT_HASH = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final ChannelBinding BINDING = new ChannelBinding(ChannelBinding.TLS_SERVER_END_POINT, CERT_HASH);

    @Test
    void plusMechanismSucceedsWhenClientSawTheSameBinding() {
        ScramTestClient client = bound(ChannelBinding.TLS_SERVER_END_POINT, CERT_HASH);
        assertThat(run(plus(), client, "pencil")).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void differentBindingDataMeansSomeoneInBetweenAndFails() {
        ScramTestClient client = bound(ChannelBinding.TLS_SERVER_END_POINT, new byte[] {9, 9, 9});
        assertThat(conditionOf(run(plus(), client, "pencil"))).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void bindingTypeTheConnectionDoesNotHaveIsRefused() {
        SaslStep step = respond(plus(), "p=tls-unique,,n=user,r=abc");
        assertThat(conditionOf(step)).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void plusMechanismWithoutBindingFlagIsRefused() {
        assertThat(conditionOf(respond(plus(), "n,,n=user,r=abc"))).isEqualTo(SaslFailure.MALFORMED_REQUEST);
        assertThat(conditionOf(respond(plus(), "y,,n=user,r=abc"))).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void clientClaimingTheServerCannotBindIsADowngradeWhenWeCan() {
        ScramNegotiation plain = new ScramNegotiation(ScramAlgorithm.SHA_256, false, LOOKUP, "example.com", BINDING);
        assertThat(conditionOf(respond(plain, "y,,n=user,r=abc"))).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void clientThatCouldBindIsWelcomeWhenWeCannot() {
        ScramNegotiation plain = new ScramNegotiation(ScramAlgorithm.SHA_256, false, LOOKUP, "example.com", null);
        ScramTestClient client = new ScramTestClient(ScramAlgorithm.SHA_256, "y,,", new byte[0], "n=user,r=abc");
        assertThat(run(plain, client, "pencil")).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void echoOfAnotherGs2HeaderFails() {
        ScramNegotiation plain = new ScramNegotiation(ScramAlgorithm.SHA_256, false, LOOKUP, "example.com", null);
        // Opens with "n,," but signs and echoes "y,,".
        ScramTestClient liar = new ScramTestClient(ScramAlgorithm.SHA_256, "y,,", new byte[0], "n=user,r=abc");
        SaslStep first = respond(plain, "n,,n=user,r=abc");
        byte[] last = liar.clientFinal("pencil", ((SaslStep.Challenge) first).data());
        assertThat(conditionOf(plain.respond(last).block())).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void plusNegotiationNeedsBindingData() {
        assertThatThrownBy(() -> new ScramNegotiation(ScramAlgorithm.SHA_1, true, LOOKUP, "example.com", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tlsServerEndPointHashesTheCertificateWithItsSignatureHash() throws Exception {
        X509Certificate sha256 = selfSigned("RSA", "SHA256withRSA");
        X509Certificate sha384 = selfSigned("EC", "SHA384withECDSA");
        X509Certificate sha1 = selfSigned("RSA", "SHA1withRSA");

        assertThat(ChannelBinding.tlsServerEndPoint(sha256)).contains(new ChannelBinding(
                ChannelBinding.TLS_SERVER_END_POINT, MessageDigest.getInstance("SHA-256").digest(sha256.getEncoded())));
        assertThat(ChannelBinding.tlsServerEndPoint(sha384).orElseThrow().data())
                .isEqualTo(MessageDigest.getInstance("SHA-384").digest(sha384.getEncoded()));
        assertThat(ChannelBinding.tlsServerEndPoint(sha1).orElseThrow().data())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(sha1.getEncoded()));
    }

    private static ScramNegotiation plus() {
        return new ScramNegotiation(ScramAlgorithm.SHA_256, true, LOOKUP, "example.com", BINDING);
    }

    private static ScramTestClient bound(String type, byte[] data) {
        return new ScramTestClient(ScramAlgorithm.SHA_256, "p=" + type + ",,", data, "n=user,r=abc");
    }

    private static X509Certificate selfSigned(String keyAlgorithm, String signatureAlgorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
        generator.initialize(keyAlgorithm.equals("EC") ? 384 : 2048);
        var keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=example.com");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now),
                Date.from(now.plusSeconds(3600)), name, keys.getPublic());
        var signer = new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
