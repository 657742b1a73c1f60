/**
 * Persistence of accounts and per-user XMPP state: reactive R2DBC repositories over one
 * portable SQL schema that runs unchanged on the embedded H2 file database (the default,
 * under {@code tandem.data-dir}) and on PostgreSQL (production, via {@code spring.r2dbc.url}).
 *
 * <p>{@link im.tandem.store.StoreConfiguration} builds the single
 * {@link io.r2dbc.spi.ConnectionFactory} from {@link im.tandem.store.DatabaseLocation}, and
 * {@link im.tandem.store.DatabaseMigrator} applies the Flyway migrations under
 * {@code db/migration} before anything else touches the database.
 *
 * <p>Repositories, one per kind of row: {@link im.tandem.store.UserStore} (accounts with SCRAM
 * credentials), {@link im.tandem.store.RosterStore} (RFC 6121 roster items and roster
 * versions, XEP-0237), {@link im.tandem.store.OfflineStore} (XEP-0160 offline messages with
 * per-user quotas), {@link im.tandem.store.VCardStore} (XEP-0054),
 * {@link im.tandem.store.PrivateXmlStore} (XEP-0049), {@link im.tandem.store.BlockListStore}
 * (XEP-0191) and the {@link im.tandem.store.AuditLog} of admin actions. Every row owned by a
 * user is removed with the user (foreign keys with {@code ON DELETE CASCADE}).
 *
 * <p>Each repository method is one unit of work with its own transaction where it needs one;
 * callers must not wrap them in an outer transaction.
 */
package im.tandem.store;
