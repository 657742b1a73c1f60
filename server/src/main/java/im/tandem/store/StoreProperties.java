package im.tandem.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the store under {@code tandem.store}. Where the database is comes from
 * {@code spring.r2dbc.url} and {@code tandem.data-dir} (see {@link StoreConfiguration}).
 *
 * @param poolMaxSize most pooled database connections per node (H2 always; PostgreSQL when r2dbc-pool is present)
 */
@ConfigurationProperties("tandem.store")
public record StoreProperties(@DefaultValue("20") int poolMaxSize) {
}
