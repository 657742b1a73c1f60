/**
 * Multi-device messaging (SPEC section 3): Message Carbons (XEP-0280 1.0.1,
 * {@code urn:xmpp:carbons:2}) with XEP-0297 forwarding, the active client of each user and the
 * notifying-copy / silent-copy delivery rules, quiet mode on Client State Indication
 * (XEP-0352 1.0.0) with bounded per-session and node-wide buffers, the MDM service parameter
 * applied at router restart, and the MDM counters under their Prometheus and Cisco names.
 */
package im.tandem.mdm;
