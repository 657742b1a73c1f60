/**
 * XEP-0191 Blocking Command 1.3: users block and unblock JIDs, sessions that asked for the
 * block list get pushes of every change, and the router refuses stanzas across a block.
 */
package im.tandem.feature.blocking;
