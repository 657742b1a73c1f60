package im.tandem.feature.pubsub;

import java.util.List;

/** Namespaces, form types and disco features of XEP-0060 and XEP-0223. */
public final class Pubsub {

    public static final String NAMESPACE = "http://jabber.org/protocol/pubsub";
    public static final String OWNER = NAMESPACE + "#owner";
    public static final String EVENT = NAMESPACE + "#event";
    public static final String ERRORS = NAMESPACE + "#errors";
    /** FORM_TYPE of node configuration forms. */
    public static final String NODE_CONFIG = NAMESPACE + "#node_config";
    /** FORM_TYPE of XEP-0223 publish options. */
    public static final String PUBLISH_OPTIONS = NAMESPACE + "#publish-options";
    /** The suffix a client appends to a node name in its caps to ask for its notifications (XEP-0163 section 4). */
    public static final String NOTIFY_SUFFIX = "+notify";

    /** The XEP-0060 features the core implements, each advertised as {@code pubsub#<name>}. */
    public static final List<String> FEATURES = List.of(
            "access-open", "access-presence", "access-roster", "access-whitelist",
            "auto-create", "auto-subscribe", "config-node", "config-node-max", "create-and-configure",
            "create-nodes", "delete-items", "delete-nodes", "filtered-notifications", "item-ids",
            "last-published", "manage-affiliations", "modify-affiliations", "multi-items",
            "persistent-items", "presence-notifications", "publish", "publish-options", "purge-nodes",
            "retract-items", "retrieve-affiliations", "retrieve-default", "retrieve-items");

    private Pubsub() {
    }

    /** {@link #FEATURES} as disco feature vars. */
    public static List<String> featureVars() {
        return FEATURES.stream().map(f -> NAMESPACE + "#" + f).toList();
    }
}
