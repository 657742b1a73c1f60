/**
 * The client side of XEP-0115 Entity Capabilities 1.6: each session's advertised caps are
 * resolved (one disco#info per distinct hash, verified and cached) and kept on the session,
 * for +notify filtering and device-type reports.
 */
package im.tandem.feature.caps;
