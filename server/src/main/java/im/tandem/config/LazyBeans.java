package im.tandem.config;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The beans of one type, in order, resolved on first use and then kept. For components that
 * consult every implementation of an extension point (features, listeners, filters) on each
 * stanza: resolving through an {@link ObjectProvider} each time costs a bean lookup with
 * annotation processing, which showed up in login-storm profiles. First use must come after the
 * context is refreshed (the listeners open only then), when the set of beans is final.
 */
public final class LazyBeans<T> implements Supplier<List<T>> {

    private final ObjectProvider<T> provider;
    private volatile List<T> beans;

    private LazyBeans(ObjectProvider<T> provider) {
        this.provider = provider;
    }

    public static <T> LazyBeans<T> of(ObjectProvider<T> provider) {
        return new LazyBeans<>(provider);
    }

    @Override
    public List<T> get() {
        List<T> b = beans;
        if (b == null) {
            b = provider.orderedStream().toList();
            beans = b;
        }
        return b;
    }
}
