package im.tandem.session;

/**
 * A typed key under which a feature keeps its own per-session state, so that features never
 * add fields to {@link ClientSession}. Keys compare by identity: declare each one once as a
 * constant in the feature that owns it.
 */
public final class SessionKey<T> {

    private final String name;
    private final Class<T> type;

    private SessionKey(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    public static <T> SessionKey<T> of(String name, Class<T> type) {
        return new SessionKey<>(name, type);
    }

    public String name() {
        return name;
    }

    T cast(Object value) {
        return type.cast(value);
    }

    @Override
    public String toString() {
        return "SessionKey[" + name + "]";
    }
}
