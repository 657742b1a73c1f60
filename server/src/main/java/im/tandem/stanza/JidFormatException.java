package im.tandem.stanza;

/** An address that is not a valid JID; reported to the peer as {@code jid-malformed}. */
public class JidFormatException extends IllegalArgumentException {
    public JidFormatException(String message) {
        super(message);
    }
}
