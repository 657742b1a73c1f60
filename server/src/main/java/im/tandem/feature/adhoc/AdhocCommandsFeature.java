package im.tandem.feature.adhoc;

import im.tandem.account.AccountService;
import im.tandem.config.TandemProperties;
import im.tandem.feature.IqHandler;
import im.tandem.feature.XmppFeature;
import im.tandem.feature.disco.DiscoItemsProvider;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * XEP-0050 at the server's domain: lists the {@link AdminCommand}s in disco#items at the
 * commands node and runs them, for admin accounts only ({@code forbidden} for everyone else).
 */
@Component
public class AdhocCommandsFeature implements XmppFeature, IqHandler, DiscoItemsProvider {

    public static final String NAMESPACE = "http://jabber.org/protocol/commands";

    private final AccountService accounts;
    private final String domain;
    private final Map<String, AdminCommand> commands = new LinkedHashMap<>();
    private final CommandSessions executions = new CommandSessions();

    public AdhocCommandsFeature(AccountService accounts, TandemProperties tandem, List<AdminCommand> commandBeans) {
        this.accounts = accounts;
        this.domain = tandem.domain();
        commandBeans.forEach(c -> commands.put(c.node(), c));
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(NAMESPACE);
    }

    @Override
    public Mono<List<Element>> serverItems(String node, ClientSession requester) {
        if (!NAMESPACE.equals(node)) {
            return Mono.just(List.of());
        }
        return accounts.isAdmin(requester.username()).map(admin -> !admin ? List.<Element>of()
                : commands.values().stream().map(c -> Element.builder("item", "http://jabber.org/protocol/disco#items")
                        .attribute("jid", domain).attribute("node", c.node()).attribute("name", c.name()).build())
                        .toList());
    }

    @Override
    public String element() {
        return "command";
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        if (!"set".equals(iq.type())) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST, "commands are iq set")));
        }
        Element request = iq.payload();
        AdminCommand command = commands.get(request.attribute("node"));
        if (command == null) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.ITEM_NOT_FOUND, "no such command")));
        }
        return accounts.isAdmin(session.username()).flatMap(admin -> admin
                        ? run(iq, request, command, session)
                        : Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.FORBIDDEN,
                                "commands are for administrators"))))
                .onErrorResume(CommandException.class, e -> Mono.just(iq.errorReply(e.error())));
    }

    private Mono<Element> run(Stanza iq, Element request, AdminCommand command, ClientSession session) {
        String action = request.attribute("action") == null ? "execute" : request.attribute("action");
        String sessionId = request.attribute("sessionid");
        Map<String, List<String>> submitted = DataForm.submitted(request);
        if (sessionId == null) {
            if (!action.equals("execute")) {
                return error(iq, StanzaError.Condition.BAD_REQUEST, "no command session to " + action);
            }
            CommandSessions.Execution execution = executions.start(session.bareJid(), command.node());
            if (execution == null) {
                return error(iq, StanzaError.Condition.RESOURCE_CONSTRAINT, "too many commands in progress");
            }
            if (submitted == null) {
                return Mono.just(iq.resultReply(reply(command, execution.id(), "executing")
                        .child(Element.builder("actions", NAMESPACE).attribute("execute", "complete")
                                .child("complete", NAMESPACE).build())
                        .child(command.form()).build()));
            }
            // a client that sends the filled form with its first request completes in one round trip
            executions.finish(execution.id(), session.bareJid(), command.node());
            return complete(iq, command, execution.id(), submitted, session);
        }
        if (executions.finish(sessionId, session.bareJid(), command.node()) == null) {
            return error(iq, StanzaError.Condition.BAD_REQUEST, "unknown or expired sessionid");
        }
        return switch (action) {
            case "cancel" -> Mono.just(iq.resultReply(reply(command, sessionId, "canceled").build()));
            case "execute", "complete", "next" -> submitted == null
                    ? error(iq, StanzaError.Condition.BAD_REQUEST, "submit the form to complete the command")
                    : complete(iq, command, sessionId, submitted, session);
            default -> error(iq, StanzaError.Condition.BAD_REQUEST, "action " + action + " is not possible here");
        };
    }

    private Mono<Element> complete(Stanza iq, AdminCommand command, String sessionId,
                                   Map<String, List<String>> values, ClientSession session) {
        AdminCommand.Invoker invoker = new AdminCommand.Invoker(session.username(), session.jid());
        return Mono.defer(() -> command.complete(values, invoker)).map(outcome -> {
            Element.Builder reply = reply(command, sessionId, "completed");
            if (outcome.note() != null) {
                reply.child(Element.builder("note", NAMESPACE).attribute("type", "info").text(outcome.note()).build());
            }
            return iq.resultReply(reply.child(outcome.resultForm()).build());
        });
    }

    private static Element.Builder reply(AdminCommand command, String sessionId, String status) {
        return Element.builder("command", NAMESPACE).attribute("node", command.node())
                .attribute("sessionid", sessionId).attribute("status", status);
    }

    private static Mono<Element> error(Stanza iq, StanzaError.Condition condition, String text) {
        return Mono.just(iq.errorReply(StanzaError.of(condition, text)));
    }
}
