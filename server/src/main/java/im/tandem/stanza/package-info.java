/**
 * Addresses and stanzas of RFC 6120: {@link im.tandem.stanza.Jid}, the stanza kinds, stanza
 * errors and stream errors.
 */
package im.tandem.stanza;
