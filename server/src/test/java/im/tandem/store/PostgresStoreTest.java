package im.tandem.store;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The store contract on PostgreSQL, in a schema of its own that is dropped afterwards. The
 * server is {@code TANDEM_TEST_POSTGRES_URL} (an R2DBC URL) or the local default; every test is
 * skipped when it cannot be reached within a few seconds.
 */
class PostgresStoreTest extends StoreContractTest {

    static final String DEFAULT_URL = "r2dbc:postgresql://postgres@127.0.0.1:5432/test";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final String schema = "tandem_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private DatabaseClient admin;

    static String serverUrl() {
        String url = System.getenv("TANDEM_TEST_POSTGRES_URL");
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    @Override
    DatabaseLocation createDatabase() {
        String url = serverUrl();
        ConnectionFactory server = ConnectionFactories.get(ConnectionFactoryOptions.parse(url).mutate()
                .option(ConnectionFactoryOptions.CONNECT_TIMEOUT, CONNECT_TIMEOUT).build());
        admin = DatabaseClient.create(server);
        try {
            admin.sql("CREATE SCHEMA " + schema).then().block(CONNECT_TIMEOUT.multipliedBy(2));
        } catch (RuntimeException e) {
            admin = null;
            unavailable = "PostgreSQL not reachable at " + DatabaseLocation.redact(url) + ": " + e;
            return null;
        }
        return DatabaseLocation.of(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, null, null);
    }

    @Override
    void dropDatabase() {
        if (admin != null) {
            admin.sql("DROP SCHEMA " + schema + " CASCADE").then().block(Duration.ofSeconds(30));
        }
    }
}
