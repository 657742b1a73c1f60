/**
 * The publish-subscribe core of XEP-0060 Publish-Subscribe 1.26 (the subset PEP needs): nodes
 * with a configuration form, items kept in the database, access models (open, presence, roster,
 * whitelist), owner affiliations, and XEP-0223 publish-options with precondition checking.
 * Services built on it ({@link im.tandem.feature.pep}) decide who owns a service, who may see
 * it and whom to notify.
 */
package im.tandem.feature.pubsub;
