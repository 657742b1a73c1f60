/**
 * External components, XEP-0114 (Jabber Component Protocol) version 1.6, on
 * {@code tandem.component.port} (5275): push app servers (XEP-0357) and interop gateways.
 * A component authenticates with its own shared secret, serves its own domain, and may send
 * only from that domain; a gateway ({@code gateway: true}) also holds one hybrid session per
 * hybrid user (SPEC section 4), which gets a copy of that user's one-to-one messages and may
 * send messages as that user and no other.
 */
package im.tandem.component;
