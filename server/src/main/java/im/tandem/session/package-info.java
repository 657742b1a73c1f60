/**
 * Client sessions of this node: {@link im.tandem.session.ClientSession}, the
 * {@link im.tandem.session.SessionRegistry} that finds them by bare and full JID, typed
 * per-feature session state ({@link im.tandem.session.SessionKey}) and lifecycle listeners.
 */
package im.tandem.session;
