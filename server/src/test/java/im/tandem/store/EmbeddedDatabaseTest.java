package im.tandem.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.r2dbc.core.DatabaseClient;

/** Flyway over JDBC and the store over R2DBC share the embedded H2 database of the same JVM. */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void fileDatabaseMigratedOverJdbcIsUsedOverR2dbcAndSurvivesReopening() throws Exception {
        DatabaseLocation location = DatabaseLocation.of(StoreConfiguration.embeddedUrl(dataDir), null, null);
        new DatabaseMigrator().migrate(location);

        EmbeddedConnectionFactory first = (EmbeddedConnectionFactory) DatabaseConnector.connect(location, 1);
        StoredUser alice = new StoredUser("alice", "a", "b", true, false, false, Instant.parse("2025-01-02T03:04:05Z"));
        assertThat(new UserStore(DatabaseClient.create(first)).create(alice).block()).isTrue();
        first.close();

        assertThat(new DatabaseMigrator().migrate(location)).isZero();
        EmbeddedConnectionFactory second = (EmbeddedConnectionFactory) DatabaseConnector.connect(location, 1);
        try {
            assertThat(new UserStore(DatabaseClient.create(second)).find("alice").block(Duration.ofSeconds(10)))
                    .isEqualTo(alice);
        } finally {
            second.close();
        }
        assertThat(dataDir.resolve("tandem.mv.db")).exists();
    }

    @Test
    void inMemoryDatabaseOutlivesTheMigrationConnection() throws Exception {
        DatabaseLocation location = DatabaseLocation.of("r2dbc:h2:mem:///" + UUID.randomUUID(), null, null);
        assertThat(new DatabaseMigrator().migrate(location)).isPositive();
        EmbeddedConnectionFactory factory = (EmbeddedConnectionFactory) DatabaseConnector.connect(location, 1);
        try {
            assertThat(new UserStore(DatabaseClient.create(factory)).count().block(Duration.ofSeconds(10))).isZero();
        } finally {
            factory.close();
        }
    }
}
