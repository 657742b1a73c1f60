package im.tandem.account;

/** A request about an account that cannot be carried out, with the reason in words. */
public class AccountException extends RuntimeException {

    /** Why an account operation was refused. */
    public enum Reason { INVALID_USERNAME, WEAK_PASSWORD, EXISTS, NOT_FOUND }

    private final Reason reason;

    public AccountException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
