package im.tandem.feature.adhoc;

import im.tandem.admin.UserAdministration;
import im.tandem.config.TandemProperties;
import im.tandem.xml.Element;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** XEP-0133 section 4.7: change a user's password. */
@Component
public class ChangeUserPasswordCommand implements AdminCommand {

    private final UserAdministration users;
    private final String domain;

    public ChangeUserPasswordCommand(UserAdministration users, TandemProperties tandem) {
        this.users = users;
        this.domain = tandem.domain();
    }

    @Override
    public String node() {
        return NODE_PREFIX + "change-user-password";
    }

    @Override
    public String name() {
        return "Change User Password";
    }

    @Override
    public Element form() {
        return DataForm.form("form", "Changing a User Password", "Fill out this form to change a user's password.",
                List.of(DataForm.field("accountjid", "jid-single", "The Jabber ID for this account", true),
                        DataForm.field("password", "text-private", "The password for this account", true)));
    }

    @Override
    public Mono<Outcome> complete(Map<String, List<String>> values, Invoker invoker) {
        return Mono.defer(() -> {
            String username = AccountJids.username(DataForm.single(values, "accountjid"), domain);
            String password = DataForm.single(values, "password");
            return users.update(invoker.username(), invoker.source(), username,
                            new UserAdministration.Changes(password == null ? "" : password, null, null, null))
                    .map(a -> new Outcome("Password of " + a.username() + "@" + domain + " changed", null));
        }).onErrorResume(e -> AccountJids.translate(e));
    }
}
