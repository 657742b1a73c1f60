package im.tandem.store;

import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import java.time.Duration;
import java.util.Locale;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The connection factory of the embedded H2 database.
 *
 * <p>Connections come from a small pool: opening an r2dbc-h2 connection is cheap for H2 but
 * not for the driver, which probes the class path for optional codecs on every open; failed
 * class lookups run under the class loader's lock, so a login storm that opened a connection
 * per statement queued on that lock (measured: ~110 logins/s with the server 80% idle).
 *
 * <p>It also holds one connection open for its whole life, so the database stays open between
 * operations (H2 closes a database when its last connection closes, and reopening a file
 * database costs far more than a query), and it closes the database cleanly on
 * {@link #close()}. Since H2 executes statements on the calling thread and may wait for row
 * locks there, connections are handed out on the bounded-elastic scheduler, keeping the
 * engine off Netty event loops.
 */
final class EmbeddedConnectionFactory implements ConnectionFactory, AutoCloseable {

    /** How long a statement waits for a row lock held by a concurrent transaction. */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);

    private final H2ConnectionFactory delegate;
    private final ConnectionPool pool;
    private final Connection keeper;

    EmbeddedConnectionFactory(DatabaseLocation location, int maxPoolSize) {
        String url = location.h2Url();
        if (!url.toUpperCase(Locale.ROOT).contains("LOCK_TIMEOUT=")) {
            url += ";LOCK_TIMEOUT=" + LOCK_TIMEOUT.toMillis();
        }
        this.delegate = new H2ConnectionFactory(H2ConnectionConfiguration.builder()
                .url(url)
                .username(location.username())
                .password(location.password())
                .build());
        this.keeper = Mono.from(delegate.create()).block();
        this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(delegate)
                .initialSize(1)
                .maxSize(Math.max(1, maxPoolSize))
                .maxIdleTime(Duration.ofMinutes(30))
                .build());
    }

    /** A pooled connection, handed over on the bounded-elastic scheduler (statements run where it is received). */
    @Override
    public Mono<Connection> create() {
        return pool.create().publishOn(Schedulers.boundedElastic());
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return delegate.getMetadata();
    }

    /** Releases the held connection; H2 closes the database once the last user is gone. */
    @Override
    public void close() {
        pool.dispose();
        Mono.from(keeper.close()).block(Duration.ofSeconds(30));
    }
}
