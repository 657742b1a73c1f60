package im.tandem.store;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

/**
 * Opens the {@link ConnectionFactory} for a {@link DatabaseLocation}.
 *
 * <p>H2 is embedded and pools its own connections (see {@link EmbeddedConnectionFactory}). PostgreSQL
 * connections are pooled with r2dbc-pool when it is on the classpath; without it every
 * operation opens its own connection, which works but is slow, so a warning says so.
 */
public final class DatabaseConnector {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConnector.class);
    private static final String POOL_DRIVER = "pool";
    private static final boolean POOL_PRESENT =
            ClassUtils.isPresent("io.r2dbc.pool.ConnectionPool", DatabaseConnector.class.getClassLoader());

    private DatabaseConnector() {
    }

    /**
     * Opens a connection factory; the caller closes it if it is {@link AutoCloseable} or an
     * {@link io.r2dbc.spi.Closeable} (Spring does so for a bean).
     *
     * @param maxPoolSize the most connections a pool may hold (ignored without a pool)
     */
    public static ConnectionFactory connect(DatabaseLocation location, int maxPoolSize) {
        if (location.kind() == DatabaseLocation.Kind.H2) {
            return new EmbeddedConnectionFactory(location, maxPoolSize);
        }
        ConnectionFactoryOptions parsed = ConnectionFactoryOptions.parse(location.r2dbcUrl());
        ConnectionFactoryOptions.Builder options = parsed.mutate();
        if (location.username() != null) {
            options.option(ConnectionFactoryOptions.USER, location.username());
        }
        if (location.password() != null) {
            options.option(ConnectionFactoryOptions.PASSWORD, location.password());
        }
        String driver = parsed.getValue(ConnectionFactoryOptions.DRIVER).toString();
        if (!POOL_DRIVER.equals(driver)) {
            if (POOL_PRESENT) {
                Object protocol = parsed.getValue(ConnectionFactoryOptions.PROTOCOL);
                options.option(ConnectionFactoryOptions.DRIVER, POOL_DRIVER)
                        .option(ConnectionFactoryOptions.PROTOCOL, protocol == null ? driver : driver + ":" + protocol)
                        .option(io.r2dbc.spi.Option.valueOf("initialSize"), Math.min(2, maxPoolSize))
                        .option(io.r2dbc.spi.Option.valueOf("maxSize"), maxPoolSize);
            } else {
                log.warn("io.r2dbc:r2dbc-pool is not on the classpath: every database operation on {} "
                        + "opens its own connection", location);
            }
        }
        return ConnectionFactories.get(options.build());
    }
}
