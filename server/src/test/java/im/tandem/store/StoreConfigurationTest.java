package im.tandem.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.r2dbc.core.DatabaseClient;

/** The Spring wiring: one migrated connection factory, whatever Boot's R2DBC support would do. */
class StoreConfigurationTest {

    @TempDir
    Path dataDir;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(R2dbcAutoConfiguration.class,
                    R2dbcTransactionManagerAutoConfiguration.class))
            .withUserConfiguration(StoreConfiguration.class, UserStore.class);

    @Test
    void defaultIsAMigratedH2FileDatabaseInTheDataDirectory() {
        context.withPropertyValues("tandem.data-dir=" + dataDir).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBeansOfType(ConnectionFactory.class)).hasSize(1);
            assertThat(ctx.getBean(ConnectionFactory.class)).isInstanceOf(EmbeddedConnectionFactory.class);
            assertThat(ctx.getBean(DatabaseLocation.class).jdbcUrl())
                    .isEqualTo("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("tandem"));
            assertThat(ctx.getBean(UserStore.class).count().block(Duration.ofSeconds(10))).isZero();
            assertThat(ctx.getBean(DatabaseClient.class).sql("SELECT COUNT(*) AS n FROM roster_versions")
                    .map(row -> Sql.number(row, "n")).one().block()).isZero();
        });
        assertThat(dataDir.resolve("tandem.mv.db")).exists();
    }

    @Test
    void springR2dbcUrlSelectsTheDatabase() {
        context.withPropertyValues("spring.r2dbc.url=r2dbc:h2:mem:///" + UUID.randomUUID(),
                "tandem.data-dir=" + dataDir).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(UserStore.class).count().block(Duration.ofSeconds(10))).isZero();
        });
        assertThat(dataDir.resolve("tandem.mv.db")).doesNotExist();
    }

    @Test
    void unsupportedUrlFailsStartupWithAClearMessage() {
        context.withPropertyValues("spring.r2dbc.url=r2dbc:mysql://db/tandem").run(ctx ->
                assertThat(ctx).getFailure().rootCause()
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("Unsupported database URL"));
    }
}
