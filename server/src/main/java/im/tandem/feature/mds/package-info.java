/**
 * XEP-0490 Message Displayed Synchronization 0.1: the {@code urn:xmpp:mds:displayed:0} PEP node
 * is served by PEP like any other; this package adds the server assist, where a displayed
 * element riding on an outgoing message updates that node.
 */
package im.tandem.feature.mds;
