/**
 * The roster and presence subscriptions of RFC 6121: roster management (section 2, with
 * roster versioning of section 2.6 and XEP-0237), the subscription state machine of
 * section 3 and Appendix A, and subscription pre-approval (section 3.4).
 */
package im.tandem.feature.roster;
