package im.tandem.feature.adhoc;

import im.tandem.admin.UserAdministration;
import im.tandem.config.TandemProperties;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** XEP-0133 section 4.1: add a user. */
@Component
public class AddUserCommand implements AdminCommand {

    private final UserAdministration users;
    private final String domain;

    public AddUserCommand(UserAdministration users, TandemProperties tandem) {
        this.users = users;
        this.domain = tandem.domain();
    }

    @Override
    public String node() {
        return NODE_PREFIX + "add-user";
    }

    @Override
    public String name() {
        return "Add a User";
    }

    @Override
    public Element form() {
        return DataForm.form("form", "Adding a User", "Fill out this form to add a user.", List.of(
                DataForm.field("accountjid", "jid-single", "The Jabber ID for the account to be added", true),
                DataForm.field("password", "text-private", "The password for this account", true),
                DataForm.field("password-verify", "text-private", "Retype password", true)));
    }

    @Override
    public Mono<Outcome> complete(Map<String, List<String>> values, Invoker invoker) {
        return Mono.defer(() -> {
            String username = AccountJids.username(DataForm.single(values, "accountjid"), domain);
            String password = DataForm.single(values, "password");
            String verify = DataForm.single(values, "password-verify");
            if (verify != null && !Objects.equals(password, verify)) {
                throw new CommandException(StanzaError.Condition.NOT_ACCEPTABLE, "the passwords do not match");
            }
            return users.create(invoker.username(), invoker.source(), username, password, false, false)
                    .map(a -> new Outcome("User " + a.username() + "@" + domain + " added", null));
        }).onErrorResume(e -> AccountJids.translate(e));
    }
}
