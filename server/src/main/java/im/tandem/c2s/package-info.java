/**
 * The client-to-server stream of RFC 6120: the {@link im.tandem.c2s.ClientStream} state
 * machine (stream header, STARTTLS, SASL, resource binding, then stanzas), its timeouts and
 * its configuration.
 */
package im.tandem.c2s;
