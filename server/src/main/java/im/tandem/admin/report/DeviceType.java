package im.tandem.admin.report;

/** The kinds of device the user session report tells apart (SPEC section 4). */
public enum DeviceType {
    DESKTOP("Desktop"),
    PHONE("Phone"),
    TABLET("Tablet"),
    WEB("Web"),
    BOT("Bot"),
    UNKNOWN("Unknown");

    private final String label;

    DeviceType(String label) {
        this.label = label;
    }

    /** The name shown in the report: {@code Desktop}, {@code Phone}, ... */
    public String label() {
        return label;
    }
}
