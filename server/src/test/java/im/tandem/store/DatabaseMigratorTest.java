package im.tandem.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How R2DBC URLs map to the JDBC URLs Flyway migrates through. */
class DatabaseMigratorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            r2dbc:h2:file:///abs/path/x                       | jdbc:h2:file:/abs/path/x
            r2dbc:h2:file:./data/tandem                       | jdbc:h2:file:./data/tandem
            r2dbc:h2:file://./data/tandem                     | jdbc:h2:file:./data/tandem
            r2dbc:h2:file:data/tandem                         | jdbc:h2:file:./data/tandem
            r2dbc:h2:file:~/tandem                            | jdbc:h2:file:~/tandem
            r2dbc:h2:file:///C:/tandem/db                     | jdbc:h2:file:C:/tandem/db
            r2dbc:h2:file:///abs/x?options=MODE=Regular;IFEXISTS=TRUE | jdbc:h2:file:/abs/x;MODE=Regular;IFEXISTS=TRUE
            r2dbc:h2:file:///abs/x?user=bob&password=pw       | jdbc:h2:file:/abs/x
            r2dbc:pool:h2:file:///abs/x                       | jdbc:h2:file:/abs/x
            r2dbc:h2:mem:///name                              | jdbc:h2:mem:name;DB_CLOSE_DELAY=-1
            r2dbc:h2:mem:///name;DB_CLOSE_DELAY=10            | jdbc:h2:mem:name;DB_CLOSE_DELAY=10
            r2dbc:h2:mem:///name?options=DB_CLOSE_DELAY=5     | jdbc:h2:mem:name;DB_CLOSE_DELAY=5
            r2dbc:h2:tcp://db:9092/tandem                     | jdbc:h2:tcp://db:9092/tandem
            r2dbc:postgresql://db:5432/tandem                 | jdbc:postgresql://db:5432/tandem
            r2dbc:postgresql://db/tandem                      | jdbc:postgresql://db/tandem
            r2dbc:postgres://u:p@db:5432/tandem               | jdbc:postgresql://db:5432/tandem
            r2dbc:pool:postgresql://db:5432/tandem?maxSize=9  | jdbc:postgresql://db:5432/tandem
            r2dbc:postgresql://db:5432/tandem?user=u&password=p | jdbc:postgresql://db:5432/tandem
            r2dbc:postgresql://db:5432/tandem?currentSchema=s1 | jdbc:postgresql://db:5432/tandem?currentSchema=s1
            r2dbc:postgresql://db:5432/tandem?schema=s2&sslMode=VERIFY_FULL | jdbc:postgresql://db:5432/tandem?currentSchema=s2&sslmode=verify-full
            """)
    void derivesTheJdbcUrl(String r2dbcUrl, String jdbcUrl) {
        assertThat(DatabaseMigrator.jdbcUrl(r2dbcUrl)).isEqualTo(jdbcUrl);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "jdbc:h2:file:/x", "r2dbc:mysql://db/tandem", "r2dbc:h2:zip:/x",
            "r2dbc:h2:mem:///", "r2dbc:h2:file:", "r2dbc:postgresql:///tandem", "mongodb://db"})
    void rejectsUnsupportedUrlsWithAClearMessage(String r2dbcUrl) {
        assertThatIllegalArgumentException().isThrownBy(() -> DatabaseMigrator.jdbcUrl(r2dbcUrl))
                .withMessageContaining("r2dbc:postgresql://host:port/database");
    }

    @Test
    void credentialsComeFromTheUrlUnlessGivenExplicitly() {
        DatabaseLocation fromUrl = DatabaseLocation.of("r2dbc:postgresql://bob:s%40cret@db/tandem", null, null);
        assertThat(fromUrl.username()).isEqualTo("bob");
        assertThat(fromUrl.password()).isEqualTo("s@cret");
        DatabaseLocation explicit = DatabaseLocation.of("r2dbc:postgresql://bob:x@db/tandem", "carol", "pw");
        assertThat(explicit.username()).isEqualTo("carol");
        assertThat(explicit.password()).isEqualTo("pw");
        DatabaseLocation query = DatabaseLocation.of("r2dbc:postgresql://db/tandem?user=dave&password=q", "", null);
        assertThat(query.username()).isEqualTo("dave");
        assertThat(query.password()).isEqualTo("q");
    }

    @Test
    void embeddedH2DefaultsToTheSaUser() {
        DatabaseLocation h2 = DatabaseLocation.of("r2dbc:h2:mem:///x", null, null);
        assertThat(h2.kind()).isEqualTo(DatabaseLocation.Kind.H2);
        assertThat(h2.username()).isEqualTo("sa");
        assertThat(h2.password()).isEmpty();
        assertThat(h2.h2Url()).isEqualTo("mem:x;DB_CLOSE_DELAY=-1");
    }

    @Test
    void passwordsNeverAppearInTextOrErrors() {
        assertThat(DatabaseLocation.of("r2dbc:postgresql://bob:hunter2@db/tandem", null, null).toString())
                .doesNotContain("hunter2").contains("bob:***@db");
        assertThat(DatabaseLocation.of("r2dbc:postgresql://db/t?password=hunter2", null, null).toString())
                .doesNotContain("hunter2");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DatabaseLocation.of("r2dbc:oracle://bob:hunter2@db/x", null, null))
                .withMessageNotContaining("hunter2");
    }
}
