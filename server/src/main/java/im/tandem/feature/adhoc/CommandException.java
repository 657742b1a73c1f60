package im.tandem.feature.adhoc;

import im.tandem.stanza.StanzaError;

/** A command request that fails with a stanza error. */
public class CommandException extends RuntimeException {

    private final StanzaError error;

    public CommandException(StanzaError.Condition condition, String text) {
        super(text, null, false, false);
        this.error = StanzaError.of(condition, text);
    }

    public StanzaError error() {
        return error;
    }
}
