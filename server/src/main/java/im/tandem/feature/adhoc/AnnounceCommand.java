package im.tandem.feature.adhoc;

import im.tandem.admin.AdminAudit;
import im.tandem.config.TandemProperties;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** XEP-0133 section 4.23: send an announcement to every session on this node. */
@Component
public class AnnounceCommand implements AdminCommand {

    private static final int MAX_LENGTH = 16_384;

    private final SessionRegistry sessions;
    private final AdminAudit audit;
    private final String domain;

    public AnnounceCommand(SessionRegistry sessions, AdminAudit audit, TandemProperties tandem) {
        this.sessions = sessions;
        this.audit = audit;
        this.domain = tandem.domain();
    }

    @Override
    public String node() {
        return NODE_PREFIX + "announce";
    }

    @Override
    public String name() {
        return "Send Announcement to Online Users";
    }

    @Override
    public Element form() {
        return DataForm.form("form", "Making an Announcement",
                "Fill out this form to make an announcement to all active users of this service.", List.of(
                        DataForm.field("subject", "text-single", "Subject", false),
                        DataForm.field("announcement", "text-multi", "Announcement", true)));
    }

    @Override
    public Mono<Outcome> complete(Map<String, List<String>> values, Invoker invoker) {
        List<String> lines = values.containsKey("announcement") ? values.get("announcement")
                : values.getOrDefault("body", List.of());
        String body = String.join("\n", lines).strip();
        String subject = DataForm.single(values, "subject");
        if (body.isEmpty()) {
            throw new CommandException(StanzaError.Condition.BAD_REQUEST, "the announcement is empty");
        }
        if (body.length() + (subject == null ? 0 : subject.length()) > MAX_LENGTH) {
            throw new CommandException(StanzaError.Condition.NOT_ACCEPTABLE, "the announcement is too long");
        }
        int sent = 0;
        for (ClientSession session : sessions.all()) {
            Element.Builder message = Element.builder("message", Stanza.CLIENT_NAMESPACE)
                    .attribute("from", domain).attribute("to", session.jid().toString()).attribute("type", "normal");
            if (subject != null) {
                message.textChild("subject", Stanza.CLIENT_NAMESPACE, subject);
            }
            session.send(message.textChild("body", Stanza.CLIENT_NAMESPACE, body).build());
            sent++;
        }
        int recipients = sent;
        return audit.record(invoker.username(), "announce", null, subject, invoker.source())
                .thenReturn(new Outcome("Announcement sent to " + recipients + " sessions", null));
    }
}
