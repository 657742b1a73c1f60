/**
 * The generic XEP-0060 publish-subscribe service at {@code pubsub.<domain>}: users create,
 * configure and delete nodes they own, subscribe and unsubscribe, publish and retract, retrieve
 * items and manage affiliations; subscribers get event notifications. Open access by default.
 */
package im.tandem.feature.pubsub.service;
