package im.tandem.feature.pubsub;

import im.tandem.feature.adhoc.DataForm;
import im.tandem.xml.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration of a node (XEP-0060 section 16.4.4, {@code pubsub#node_config}), the part
 * this server acts on. {@code maxItems} is a number; the form value {@code max} stands for the
 * server's limit.
 */
public record NodeConfig(AccessModel accessModel, long maxItems, boolean persistItems, String sendLastPublishedItem,
                         boolean deliverNotifications, boolean deliverPayloads, boolean notifyRetract,
                         boolean notifyDelete, String title, List<String> rosterGroupsAllowed) {

    public static final String ACCESS_MODEL = "pubsub#access_model";
    public static final String MAX_ITEMS = "pubsub#max_items";
    public static final String PERSIST_ITEMS = "pubsub#persist_items";
    public static final String SEND_LAST = "pubsub#send_last_published_item";
    public static final String DELIVER_NOTIFICATIONS = "pubsub#deliver_notifications";
    public static final String DELIVER_PAYLOADS = "pubsub#deliver_payloads";
    public static final String NOTIFY_RETRACT = "pubsub#notify_retract";
    public static final String NOTIFY_DELETE = "pubsub#notify_delete";
    public static final String TITLE = "pubsub#title";
    public static final String ROSTER_GROUPS = "pubsub#roster_groups_allowed";
    public static final String PUBLISH_MODEL = "pubsub#publish_model";
    private static final List<String> SEND_LAST_VALUES = List.of("never", "on_sub", "on_sub_and_presence");

    public NodeConfig {
        Objects.requireNonNull(accessModel, "accessModel");
        rosterGroupsAllowed = List.copyOf(rosterGroupsAllowed);
    }

    /** PEP's smart defaults (XEP-0163 section 7): presence access, notify with payloads, last item on presence. */
    public static NodeConfig defaults(AccessModel accessModel, long maxItems) {
        return new NodeConfig(accessModel, maxItems, true, "on_sub_and_presence", true, true, true, true,
                null, List.of());
    }

    /**
     * This configuration changed by the submitted fields; fields this server does not know are
     * ignored.
     *
     * @throws IllegalArgumentException for a value it cannot take
     */
    public NodeConfig with(Map<String, List<String>> fields, long maxItemsLimit) {
        AccessModel access = accessModel;
        long max = maxItems;
        boolean persist = persistItems;
        String sendLast = sendLastPublishedItem;
        boolean notifications = deliverNotifications;
        boolean payloads = deliverPayloads;
        boolean retract = notifyRetract;
        boolean delete = notifyDelete;
        String newTitle = title;
        List<String> groups = rosterGroupsAllowed;
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            String value = field.getValue().isEmpty() ? "" : field.getValue().get(0).strip();
            switch (field.getKey()) {
                case ACCESS_MODEL -> {
                    access = AccessModel.ofCode(value);
                    if (access == null) {
                        throw new IllegalArgumentException("unsupported access model: " + value);
                    }
                }
                case MAX_ITEMS -> max = maxItems(value, maxItemsLimit);
                case PERSIST_ITEMS -> persist = bool(field.getKey(), value);
                case SEND_LAST -> {
                    if (!SEND_LAST_VALUES.contains(value)) {
                        throw new IllegalArgumentException("unknown " + SEND_LAST + ": " + value);
                    }
                    sendLast = value;
                }
                case DELIVER_NOTIFICATIONS -> notifications = bool(field.getKey(), value);
                case DELIVER_PAYLOADS -> payloads = bool(field.getKey(), value);
                case NOTIFY_RETRACT -> retract = bool(field.getKey(), value);
                case NOTIFY_DELETE -> delete = bool(field.getKey(), value);
                case TITLE -> newTitle = value.isEmpty() ? null : clip(value, 255);
                case ROSTER_GROUPS -> groups = field.getValue().stream().map(String::strip)
                        .filter(g -> !g.isEmpty()).limit(64).map(g -> clip(g, 255)).toList();
                case PUBLISH_MODEL -> {
                    if (!"publishers".equals(value)) {
                        throw new IllegalArgumentException("only the publishers publish model is offered");
                    }
                }
                default -> {
                    // FORM_TYPE and options this server does not act on
                }
            }
        }
        return new NodeConfig(access, max, persist, sendLast, notifications, payloads, retract, delete, newTitle,
                groups);
    }

    /** Whether the node's configuration already is what the publish options require (XEP-0060 7.1.5). */
    public boolean satisfies(Map<String, List<String>> options, long maxItemsLimit) {
        try {
            return with(options, maxItemsLimit).equals(this);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The configuration as a data form: {@code form} to show the owner, {@code submit} to store. */
    public Element toForm(String type) {
        List<Element> fields = new ArrayList<>();
        fields.add(DataForm.field("FORM_TYPE", "hidden", null, false, List.of(Pubsub.NODE_CONFIG)));
        fields.add(DataForm.field(TITLE, "text-single", "A friendly name for the node", false,
                title == null ? List.of() : List.of(title)));
        fields.add(listSingle(ACCESS_MODEL, "Access model", accessModel.code(), "open", "presence", "roster", "whitelist"));
        fields.add(DataForm.field(ROSTER_GROUPS, "list-multi", "Roster groups allowed to subscribe", false,
                rosterGroupsAllowed));
        fields.add(DataForm.field(MAX_ITEMS, "text-single", "Max number of items to persist", false,
                List.of(Long.toString(maxItems))));
        fields.add(bool(PERSIST_ITEMS, "Persist items to storage", persistItems));
        fields.add(listSingle(SEND_LAST, "When to send the last published item", sendLastPublishedItem,
                SEND_LAST_VALUES.toArray(String[]::new)));
        fields.add(bool(DELIVER_NOTIFICATIONS, "Deliver event notifications", deliverNotifications));
        fields.add(bool(DELIVER_PAYLOADS, "Deliver payloads with event notifications", deliverPayloads));
        fields.add(bool(NOTIFY_RETRACT, "Notify subscribers when items are removed", notifyRetract));
        fields.add(bool(NOTIFY_DELETE, "Notify subscribers when the node is deleted", notifyDelete));
        fields.add(listSingle(PUBLISH_MODEL, "Who may publish", "publishers", "publishers"));
        Element.Builder x = Element.builder("x", DataForm.NAMESPACE).attribute("type", type);
        if (!"submit".equals(type)) {
            fields.forEach(x::child);
        } else {
            // a stored form keeps only types and values
            fields.forEach(f -> x.child(Element.builder("field", DataForm.NAMESPACE).attribute("var", f.attribute("var"))
                    .children(f.children("value", DataForm.NAMESPACE)).build()));
        }
        return x.build();
    }

    /** Reads a configuration stored with {@code toForm("submit")}. */
    public static NodeConfig fromStored(Element form, long maxItemsLimit) {
        Map<String, List<String>> fields = DataForm.submitted(Element.builder("wrap", "").child(form).build());
        NodeConfig base = defaults(AccessModel.PRESENCE, 1);
        Map<String, List<String>> clamped = new java.util.LinkedHashMap<>(fields);
        List<String> max = clamped.get(MAX_ITEMS);
        if (max != null && !max.isEmpty() && !"max".equals(max.get(0))) {
            try {
                // a limit lowered since the node was configured caps it now
                clamped.put(MAX_ITEMS, List.of(Long.toString(Math.min(Long.parseLong(max.get(0)), maxItemsLimit))));
            } catch (NumberFormatException e) {
                clamped.remove(MAX_ITEMS);
            }
        }
        return base.with(clamped, maxItemsLimit);
    }

    private static long maxItems(String value, long limit) {
        if ("max".equals(value)) {
            return limit;
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("max_items is a number or max: " + value);
        }
        if (n < 1 || n > limit) {
            throw new IllegalArgumentException("max_items must be from 1 to " + limit);
        }
        return n;
    }

    private static boolean bool(String var, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new IllegalArgumentException(var + " is a boolean: " + value);
        };
    }

    private static Element bool(String var, String label, boolean value) {
        return DataForm.field(var, "boolean", label, false, List.of(value ? "1" : "0"));
    }

    private static Element listSingle(String var, String label, String value, String... options) {
        Element.Builder f = DataForm.field(var, "list-single", label, false, List.of(value)).toBuilder();
        for (String option : options) {
            f.child(Element.builder("option", DataForm.NAMESPACE).textChild("value", DataForm.NAMESPACE, option).build());
        }
        return f.build();
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
