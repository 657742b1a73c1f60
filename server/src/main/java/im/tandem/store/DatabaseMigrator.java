package im.tandem.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with the Flyway migrations under {@code db/migration}, over a
 * short-lived JDBC connection to the database an R2DBC URL names.
 *
 * <p>For the embedded H2 database the JDBC connection and the R2DBC connections of the same
 * JVM share one H2 engine instance, so the migrated schema is what R2DBC sees; in-memory
 * databases get {@code DB_CLOSE_DELAY=-1} so they survive the migration's connection closing.
 */
public final class DatabaseMigrator {

    /** Where the migration scripts live on the classpath. */
    public static final String MIGRATIONS = "classpath:db/migration";

    private static final Logger log = LoggerFactory.getLogger(DatabaseMigrator.class);

    /**
     * Applies all pending migrations.
     *
     * @return the number of migrations applied now (0 if the schema was already current)
     */
    public int migrate(DatabaseLocation location) {
        Flyway flyway = Flyway.configure()
                .dataSource(location.jdbcUrl(), location.username(), location.password())
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        log.info("Database {} at schema version {} ({} migrations applied now)", location,
                current == null ? "none" : current.getVersion(), result.migrationsExecuted);
        return result.migrationsExecuted;
    }

    /** Applies all pending migrations to the database an R2DBC URL names. */
    public int migrate(String r2dbcUrl, String username, String password) {
        return migrate(DatabaseLocation.of(r2dbcUrl, username, password));
    }

    /**
     * The JDBC URL of the database an R2DBC URL names, without credentials.
     *
     * @throws IllegalArgumentException if the URL is not a supported H2 or PostgreSQL URL
     */
    public static String jdbcUrl(String r2dbcUrl) {
        return DatabaseLocation.of(r2dbcUrl, null, null).jdbcUrl();
    }
}
