/**
 * XEP-0313 Message Archive Management (version 1.1, {@code urn:xmpp:mam:2} and
 * {@code urn:xmpp:mam:2#extended}) for user archives, with XEP-0359 Unique and Stable Stanza
 * IDs (version 0.7) and XEP-0059 Result Set Management paging.
 *
 * <p>Each one-to-one message is archived once per user, never per device: as outgoing in the
 * sender's archive when it leaves the sender's session, as incoming in the recipient's when it
 * is delivered ({@link im.tandem.routing.MessageArchiver}). Delivery waits for the write, so
 * what a device has seen can be queried from any other device, and an archive's order is the
 * order in which each sender's messages passed the router. {@link MessageArchive} is the API a
 * room archive can reuse (any archive JID).
 */
package im.tandem.feature.mam;
