package im.tandem.feature.adhoc;

import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.xml.Element;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** XEP-0133 section 4.15: the bare JIDs of users online on this node. */
@Component
public class GetOnlineUsersCommand implements AdminCommand {

    private static final List<String> MAX_ITEMS = List.of("25", "50", "75", "100", "150", "200", "none");
    private static final int HARD_LIMIT = 10_000;

    private final SessionRegistry sessions;

    public GetOnlineUsersCommand(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public String node() {
        return NODE_PREFIX + "get-online-users-list";
    }

    @Override
    public String name() {
        return "Get List of Online Users";
    }

    @Override
    public Element form() {
        Element.Builder maxItems = DataForm.field("max_items", "list-single", "Maximum number of users", false,
                List.of("100")).toBuilder();
        for (String option : MAX_ITEMS) {
            maxItems.child(Element.builder("option", DataForm.NAMESPACE).attribute("label", option)
                    .textChild("value", DataForm.NAMESPACE, option).build());
        }
        return DataForm.form("form", "Requesting List of Online Users", "How many users should be listed?",
                List.of(maxItems.build()));
    }

    @Override
    public Mono<Outcome> complete(Map<String, List<String>> values, Invoker invoker) {
        String max = DataForm.single(values, "max_items");
        int limit = HARD_LIMIT;
        if (max != null && !max.equals("none")) {
            try {
                limit = Math.max(1, Math.min(HARD_LIMIT, Integer.parseInt(max.strip())));
            } catch (NumberFormatException e) {
                throw new CommandException(im.tandem.stanza.StanzaError.Condition.BAD_REQUEST, "max_items: " + max);
            }
        }
        List<String> jids = sessions.all().stream().map(ClientSession::bareJid).map(Object::toString)
                .distinct().sorted().limit(limit).toList();
        Element result = DataForm.form("result", null, null, List.of(
                DataForm.field("onlineuserjids", "jid-multi", "The list of all online users", false, jids)));
        return Mono.just(new Outcome(jids.size() + " users online", result));
    }
}
