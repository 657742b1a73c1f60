/**
 * Contracts by which XMPP features plug into the server, one sub-package per XEP. A feature
 * advertises its own disco and stream features ({@link im.tandem.feature.XmppFeature}) and
 * serves its own iq payloads ({@link im.tandem.feature.IqHandler}); the router and service
 * discovery collect them from the Spring context, so the core names no feature.
 */
package im.tandem.feature;
