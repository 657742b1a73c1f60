package im.tandem.store;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Small pieces of SQL plumbing the repositories share: values that differ by driver, upserts. */
final class Sql {

    private Sql() {
    }

    /** A transactional operator over the client's connection factory. */
    static TransactionalOperator transactions(DatabaseClient db) {
        return TransactionalOperator.create(new R2dbcTransactionManager(db.getConnectionFactory()));
    }

    /** Binds a value that may be {@code null}. */
    static <T> GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    /**
     * The timestamp to store for an instant: UTC, truncated to microseconds because both H2 and
     * PostgreSQL keep no more, so what is read back equals what was written.
     */
    static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** The current time as stored. */
    static OffsetDateTime now() {
        return timestamp(Instant.now());
    }

    static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A numeric column as long: drivers differ in the Java type of COUNT and SUM. */
    static long number(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }

    static boolean bool(Readable row, String column) {
        return Boolean.TRUE.equals(row.get(column, Boolean.class));
    }

    /**
     * Updates a row, inserting it if none matched; a concurrent insert of the same key makes the
     * insert fail with a duplicate key, and then the update runs again. Needs no transaction,
     * so it works the same on H2 and PostgreSQL (where a failed statement would abort one).
     */
    static Mono<Void> updateOrInsert(GenericExecuteSpec update, GenericExecuteSpec insert) {
        Mono<Long> updated = update.fetch().rowsUpdated();
        return updated
                .flatMap(n -> n > 0 ? Mono.just(n)
                        : insert.fetch().rowsUpdated().onErrorResume(DuplicateKeyException.class, e -> updated))
                .then();
    }

    /** Cuts a text to the length of its column, for values that must never fail to store. */
    static String clip(String value, int maxLength) {
        return value == null || value.length() <= maxLength ? value : value.substring(0, maxLength);
    }
}
