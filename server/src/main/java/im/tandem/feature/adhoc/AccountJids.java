package im.tandem.feature.adhoc;

import im.tandem.account.AccountException;
import im.tandem.stanza.Jid;
import im.tandem.stanza.StanzaError;
import reactor.core.publisher.Mono;

/** Reads account JIDs from forms and turns account errors into stanza errors. */
final class AccountJids {

    private AccountJids() {
    }

    /** The username of a bare JID of this domain; errors with {@code jid-malformed} otherwise. */
    static String username(String text, String domain) {
        if (text == null) {
            throw new CommandException(StanzaError.Condition.BAD_REQUEST, "an account JID is required");
        }
        Jid jid = Jid.tryParse(text.strip()).orElse(null);
        if (jid == null || jid.local() == null || jid.resource() != null || !jid.domain().equals(domain)) {
            throw new CommandException(StanzaError.Condition.JID_MALFORMED, "not an account of " + domain + ": " + text);
        }
        return jid.local();
    }

    static <T> Mono<T> translate(Throwable e) {
        if (e instanceof AccountException a) {
            StanzaError.Condition condition = switch (a.reason()) {
                case EXISTS -> StanzaError.Condition.CONFLICT;
                case WEAK_PASSWORD -> StanzaError.Condition.NOT_ACCEPTABLE;
                case INVALID_USERNAME -> StanzaError.Condition.JID_MALFORMED;
                case NOT_FOUND -> StanzaError.Condition.ITEM_NOT_FOUND;
            };
            return Mono.error(new CommandException(condition, a.getMessage()));
        }
        return Mono.error(e);
    }
}
