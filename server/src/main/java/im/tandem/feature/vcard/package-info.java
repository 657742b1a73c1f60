/** XEP-0054 vcard-temp 1.2: each user publishes one vCard, which any user can read. */
package im.tandem.feature.vcard;
