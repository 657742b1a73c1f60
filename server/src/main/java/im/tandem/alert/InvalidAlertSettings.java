package im.tandem.alert;

/** Alert settings that were refused, naming the field at fault (the REST API answers 400 with it). */
public class InvalidAlertSettings extends IllegalArgumentException {

    private final String field;

    public InvalidAlertSettings(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The field at fault, as in the JSON of the settings ({@code schedule.start} for a nested one). */
    public String field() {
        return field;
    }
}
