/**
 * Presence of RFC 6121 section 4: initial, subsequent and unavailable presence broadcast to
 * subscribers and the user's own resources, directed presence (4.6) and probes (4.3).
 * Subscription presence is handed to {@link im.tandem.feature.roster.PresenceSubscriptions}.
 */
package im.tandem.feature.presence;
