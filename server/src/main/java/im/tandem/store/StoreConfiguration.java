package im.tandem.store;

import io.r2dbc.spi.ConnectionFactory;
import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The database of the node: the one {@link ConnectionFactory} (Spring Boot's own R2DBC
 * auto-configuration backs off because it exists), migrated by {@link DatabaseMigrator} before
 * the bean is handed to anyone, and the {@link DatabaseClient} the repositories use.
 *
 * <p>{@code spring.r2dbc.url} selects the database; without it Tandem uses the H2 file
 * database {@code <tandem.data-dir>/tandem} (data dir {@code ./data} by default, resolved to
 * an absolute path). {@code spring.r2dbc.username} and {@code spring.r2dbc.password} override
 * credentials in the URL.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
public class StoreConfiguration {

    /** Name of the embedded H2 database inside the data directory. */
    public static final String EMBEDDED_DATABASE_NAME = "tandem";

    @Bean
    DatabaseLocation databaseLocation(Environment env) {
        String url = env.getProperty("spring.r2dbc.url");
        if (url == null || url.isBlank()) {
            url = embeddedUrl(Path.of(env.getProperty("tandem.data-dir", "./data")));
        }
        return DatabaseLocation.of(url, env.getProperty("spring.r2dbc.username"),
                env.getProperty("spring.r2dbc.password"));
    }

    /** Migrates the schema, then opens the connection factory; closed with the context. */
    @Bean
    ConnectionFactory connectionFactory(DatabaseLocation location, StoreProperties properties) {
        new DatabaseMigrator().migrate(location);
        return DatabaseConnector.connect(location, properties.poolMaxSize());
    }

    @Bean
    DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
        return DatabaseClient.create(connectionFactory);
    }

    /** The R2DBC URL of the embedded H2 file database in a data directory. */
    public static String embeddedUrl(Path dataDir) {
        String path = dataDir.resolve(EMBEDDED_DATABASE_NAME).toAbsolutePath().normalize().toString()
                .replace('\\', '/');
        return "r2dbc:h2:file:///" + (path.startsWith("/") ? path.substring(1) : path);
    }
}
