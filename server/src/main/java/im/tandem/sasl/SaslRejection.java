package im.tandem.sasl;

/**
 * Thrown inside this package by message parsers to abort an exchange with a condition; the
 * negotiation turns it into a {@link SaslStep.Failure} so that nothing escapes to the caller.
 * No stack trace: hostile clients can trigger it at will.
 */
final class SaslRejection extends Exception {

    private final SaslFailure condition;

    SaslRejection(SaslFailure condition, String text) {
        super(text, null, false, false);
        this.condition = condition;
    }

    static SaslRejection malformed(String text) {
        return new SaslRejection(SaslFailure.MALFORMED_REQUEST, text);
    }

    SaslStep.Failure toFailure() {
        return new SaslStep.Failure(condition, getMessage());
    }
}
