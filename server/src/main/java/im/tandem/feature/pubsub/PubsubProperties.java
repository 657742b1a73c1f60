package im.tandem.feature.pubsub;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Publish-subscribe limits, {@code tandem.pubsub.*}; they bound what one user (or one node of
 * the pubsub service) keeps on the server.
 *
 * @param maxItemsPerNode   most items a node keeps; {@code pubsub#max_items=max} means this many
 * @param maxItemSize       largest serialized item payload
 * @param maxNodesPerOwner  most nodes in one PEP service (one account)
 * @param maxAffiliations   most affiliations (whitelist entries) per node
 * @param transientBytes    memory for the last item of nodes that do not persist items, all nodes together
 * @param maxSubscribers    most subscriptions per node of the pubsub service
 * @param serviceEnabled    whether the generic pubsub service answers at {@code pubsub.<domain>}
 */
@ConfigurationProperties("tandem.pubsub")
public record PubsubProperties(@DefaultValue("256") int maxItemsPerNode,
                               @DefaultValue("128KB") DataSize maxItemSize,
                               @DefaultValue("128") int maxNodesPerOwner,
                               @DefaultValue("256") int maxAffiliations,
                               @DefaultValue("8MB") DataSize transientBytes,
                               @DefaultValue("1024") int maxSubscribers,
                               @DefaultValue("true") boolean serviceEnabled) {
}
