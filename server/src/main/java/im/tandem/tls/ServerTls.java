package im.tandem.tls;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

/**
 * The one server-side Netty {@link SslContext} of this node, used by every TLS listener and by
 * STARTTLS: the {@link ServerCertificate}, TLS 1.3 and TLS 1.2 only, and forward-secret AEAD
 * cipher suites only (the TLS 1.3 suites, ECDHE and DHE with AES-GCM or ChaCha20-Poly1305).
 */
public final class ServerTls {

    /** The protocol versions that may be configured, in their JSSE spelling. */
    public static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    /** Candidate cipher suites, most preferred first; those the JDK lacks are left out. */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");

    /** Suites that must never be enabled, whatever the list above or the JDK says. */
    private static final Pattern INSECURE_SUITE = Pattern.compile("NULL|anon|EXPORT|RC4|3DES|_DES|MD5");

    private final SslContext context;
    private final List<String> protocols;
    private final ServerCertificate certificate;

    /**
     * Builds the server TLS context.
     *
     * @throws TlsConfigurationException if {@code tandem.tls.protocols} is empty or names a
     *     version other than TLSv1.3 and TLSv1.2, or the context cannot be built
     */
    public ServerTls(TlsProperties properties, ServerCertificate certificate) {
        this.protocols = checkedProtocols(properties.protocols());
        this.certificate = certificate;
        try {
            this.context = SslContextBuilder.forServer(certificate.privateKey(), certificate.chain())
                    .sslProvider(SslProvider.JDK)
                    .protocols(protocols)
                    .ciphers(CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsConfigurationException("Cannot set up TLS with protocols " + protocols + ": "
                    + e.getMessage(), e);
        }
        for (String suite : context.cipherSuites()) {
            if (INSECURE_SUITE.matcher(suite).find()) {
                throw new IllegalStateException("Insecure TLS cipher suite enabled: " + suite);
            }
        }
    }

    /** A handler that starts TLS at once, for a listener where TLS comes first (XEP-0368). */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        return context.newHandler(alloc);
    }

    /**
     * A handler for STARTTLS (RFC 6120 section 5): with {@code startTls} the first message written
     * after adding the handler, the {@code <proceed/>}, still goes out in plain text.
     */
    public SslHandler newHandler(ByteBufAllocator alloc, boolean startTls) {
        return new SslHandler(context.newEngine(alloc), startTls);
    }

    /** The Netty server context. */
    /** The certificate this context presents. */
    public ServerCertificate certificate() {
        return certificate;
    }

    public SslContext context() {
        return context;
    }

    /** The enabled protocol versions, in configured order. */
    public List<String> protocols() {
        return protocols;
    }

    static List<String> checkedProtocols(List<String> configured) {
        if (configured == null || configured.isEmpty()) {
            throw new TlsConfigurationException("tandem.tls.protocols is empty; enable TLSv1.3 and/or TLSv1.2");
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String protocol : configured) {
            String canonical = ALLOWED_PROTOCOLS.stream()
                    .filter(allowed -> allowed.equalsIgnoreCase(protocol.trim()))
                    .findFirst()
                    .orElseThrow(() -> new TlsConfigurationException("tandem.tls.protocols contains '" + protocol
                            + "', which is not allowed; only TLSv1.3 and TLSv1.2 are supported"
                            + (protocol.toLowerCase(Locale.ROOT).matches("(tlsv1(\\.[01])?|sslv.*)")
                                    ? " (older versions are insecure)" : "")));
            checked.add(canonical);
        }
        return List.copyOf(checked);
    }
}
