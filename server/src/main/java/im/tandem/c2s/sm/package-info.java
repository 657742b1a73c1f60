/**
 * Stream Management (XEP-0198 1.6, {@code urn:xmpp:sm:3}) for client streams: stanza
 * acknowledgements in both directions and resumption of a session whose connection dropped,
 * within {@code tandem.sm.resume-timeout}. A session that is not resumed in time ends, and
 * what it was sent but never acknowledged is redelivered, never dropped.
 */
package im.tandem.c2s.sm;
