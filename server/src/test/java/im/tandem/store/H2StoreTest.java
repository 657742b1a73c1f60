package im.tandem.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a fresh embedded H2 file database in a temporary data directory. */
class H2StoreTest extends StoreContractTest {

    @TempDir
    static Path dataDir;

    @Override
    DatabaseLocation createDatabase() {
        DatabaseLocation location = DatabaseLocation.of(
                StoreConfiguration.embeddedUrl(dataDir.resolve("not-yet-created")), null, null);
        assertThat(location.kind()).isEqualTo(DatabaseLocation.Kind.H2);
        return location;
    }

    @Override
    void dropDatabase() {
        assertThat(dataDir.resolve("not-yet-created/tandem.mv.db")).exists();
    }
}
