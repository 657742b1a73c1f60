package im.tandem.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This node's place in the cluster, {@code tandem.node.*}, as reports show it.
 *
 * @param name            the node's name ({@code tandem.node.name}); by default the host name (the
 *                        {@code HOSTNAME} environment variable, which is the pod name in Kubernetes,
 *                        else what the system resolver says), or {@code node-1} if neither is known
 * @param redundancyGroup the sub-cluster (HA pair of nodes) the node belongs to
 *                        ({@code tandem.node.redundancy-group}, default {@code subcluster-1}); there is one
 *                        until clustering exists
 */
@ConfigurationProperties("tandem.node")
public record NodeProperties(String name, @DefaultValue("subcluster-1") String redundancyGroup) {

    /** The name used when the host name cannot be found. */
    public static final String FALLBACK_NAME = "node-1";

    public NodeProperties {
        name = name == null || name.isBlank() ? hostName() : name.strip();
        redundancyGroup = redundancyGroup == null || redundancyGroup.isBlank() ? "subcluster-1" : redundancyGroup.strip();
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            String resolved = InetAddress.getLocalHost().getHostName();
            return resolved == null || resolved.isBlank() ? FALLBACK_NAME : resolved;
        } catch (UnknownHostException | SecurityException e) {
            return FALLBACK_NAME;
        }
    }
}
