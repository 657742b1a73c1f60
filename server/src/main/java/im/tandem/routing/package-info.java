/**
 * The stanza router and the RFC 6121 delivery rules: which sessions of a user receive a
 * message, which iq handler answers a request, where presence goes.
 */
package im.tandem.routing;
