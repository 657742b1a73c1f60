package im.tandem.feature.adhoc;

import im.tandem.stanza.Jid;
import im.tandem.xml.Element;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** One XEP-0133 service administration command, offered to admins by {@link AdhocCommandsFeature}. */
public interface AdminCommand {

    String NODE_PREFIX = "http://jabber.org/protocol/admin#";

    /** Who runs the command: the admin's username and full JID. */
    record Invoker(String username, Jid jid) {

        /** The audit source of actions taken over XMPP. */
        public String source() {
            return "xmpp:" + jid;
        }
    }

    /** What a completed command says: a note and, for queries, a result form. */
    record Outcome(String note, Element resultForm) {
    }

    String node();

    String name();

    /** The form shown on {@code execute}. */
    Element form();

    /** Carries out the submitted form; errors with {@link CommandException}. */
    Mono<Outcome> complete(Map<String, List<String>> values, Invoker invoker);
}
