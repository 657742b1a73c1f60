package im.tandem.feature.adhoc;

import im.tandem.admin.UserAdministration;
import im.tandem.config.TandemProperties;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** XEP-0133 section 4.2: delete users (their sessions are closed). */
@Component
public class DeleteUserCommand implements AdminCommand {

    private static final int MAX_ACCOUNTS = 100;

    private final UserAdministration users;
    private final String domain;

    public DeleteUserCommand(UserAdministration users, TandemProperties tandem) {
        this.users = users;
        this.domain = tandem.domain();
    }

    @Override
    public String node() {
        return NODE_PREFIX + "delete-user";
    }

    @Override
    public String name() {
        return "Delete a User";
    }

    @Override
    public Element form() {
        return DataForm.form("form", "Deleting a User", "Fill out this form to delete a user.", List.of(
                DataForm.field("accountjids", "jid-multi", "The Jabber ID(s) to delete", true)));
    }

    @Override
    public Mono<Outcome> complete(Map<String, List<String>> values, Invoker invoker) {
        return Mono.defer(() -> {
            List<String> jids = values.getOrDefault("accountjids", List.of()).stream()
                    .filter(s -> s != null && !s.isBlank()).toList();
            if (jids.isEmpty() || jids.size() > MAX_ACCOUNTS) {
                throw new CommandException(StanzaError.Condition.BAD_REQUEST,
                        "give between 1 and " + MAX_ACCOUNTS + " account JIDs");
            }
            List<String> usernames = jids.stream().map(j -> AccountJids.username(j, domain)).distinct().toList();
            if (usernames.contains(invoker.username())) {
                throw new CommandException(StanzaError.Condition.NOT_ALLOWED, "an administrator cannot delete itself");
            }
            return Flux.fromIterable(usernames)
                    .concatMap(u -> users.delete(invoker.username(), invoker.source(), u).thenReturn(u))
                    .collectList()
                    .map(deleted -> new Outcome("Deleted " + String.join(", ", deleted), null));
        }).onErrorResume(e -> AccountJids.translate(e));
    }
}
