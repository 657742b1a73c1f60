package im.tandem.support;

import im.tandem.store.DatabaseConnector;
import im.tandem.store.DatabaseLocation;
import im.tandem.store.DatabaseMigrator;
import im.tandem.store.StoreConfiguration;
import im.tandem.store.StoredUser;
import im.tandem.store.UserStore;
import io.r2dbc.spi.ConnectionFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * A migrated embedded H2 database in a directory of the test's choosing, for unit tests of
 * features that need real stores but not the whole server.
 */
public final class TestDatabase implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ConnectionFactory connectionFactory;
    private final DatabaseClient client;

    public TestDatabase(Path dataDir) {
        DatabaseLocation location = DatabaseLocation.of(StoreConfiguration.embeddedUrl(dataDir), null, null);
        new DatabaseMigrator().migrate(location);
        this.connectionFactory = DatabaseConnector.connect(location, 4);
        this.client = DatabaseClient.create(connectionFactory);
    }

    public DatabaseClient client() {
        return client;
    }

    /** Creates a user with a fresh name and returns the name. */
    public String newUser() {
        String username = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        new UserStore(client).create(new StoredUser(username, "sha1:x", "sha256:x", false, false, false,
                Instant.now().truncatedTo(ChronoUnit.MILLIS))).block(TIMEOUT);
        return username;
    }

    @Override
    public void close() throws Exception {
        if (connectionFactory instanceof AutoCloseable closeable) {
            closeable.close();
        } else if (connectionFactory instanceof io.r2dbc.spi.Closeable pool) {
            Mono.from(pool.close()).block(TIMEOUT);
        }
    }
}
