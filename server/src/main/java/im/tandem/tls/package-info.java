/**
 * TLS for every listener: the server certificate and the Netty TLS context.
 *
 * <p>{@link im.tandem.tls.ServerCertificate} loads the PEM certificate chain and private key
 * named by {@code tandem.tls.certificate} and {@code tandem.tls.private-key}, or, when none
 * are configured, generates a self-signed certificate for the XMPP domain on first start and
 * keeps it under {@code <tandem.data-dir>/tls/}. It also supplies the RFC 5929
 * {@code tls-server-end-point} channel binding used by SCRAM-*-PLUS.
 *
 * <p>{@link im.tandem.tls.ServerTls} holds the one server {@link io.netty.handler.ssl.SslContext}
 * (TLS 1.3 and 1.2 only, forward-secret AEAD cipher suites) and makes the {@code SslHandler}
 * for direct TLS and STARTTLS connections. {@link im.tandem.tls.TlsConfiguration} wires both
 * as Spring beans from {@link im.tandem.tls.TlsProperties}.
 */
package im.tandem.tls;
