/**
 * XEP-0402 PEP Native Bookmarks 1.2 compatibility with XEP-0048 Bookmarks 1.1 (XEP-0402
 * section 5.3): bookmarks kept in private XML storage ({@code storage:bookmarks}) and in the
 * {@code urn:xmpp:bookmarks:1} PEP node are kept in step, whichever a client writes.
 */
package im.tandem.feature.bookmarks;
