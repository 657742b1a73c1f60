/**
 * HTTP File Upload, XEP-0363 version 1.1.0 (namespace {@code urn:xmpp:http:upload:0}): the slot
 * service at {@code upload.<domain>} hands local users a signed, expiring, single-use PUT URL
 * and a GET URL on the server's HTTP port; the files live in a {@link im.tandem.feature.upload.FileStore}
 * (the data directory by default), their metadata in the database for quotas and expiry.
 * Files shared this way reach other devices as ordinary messages carrying the GET URL
 * (SPEC section 3); nothing here touches message delivery.
 */
package im.tandem.feature.upload;
