package im.tandem.feature.pubsub;

/**
 * A node of a service.
 *
 * @param service the service JID (an account's bare JID for PEP)
 * @param name    the node id
 * @param owner   bare JID of the owner
 * @param config  its configuration
 */
public record PubsubNode(String service, String name, String owner, NodeConfig config) {
}
