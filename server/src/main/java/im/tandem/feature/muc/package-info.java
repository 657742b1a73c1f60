/**
 * XEP-0045 Multi-User Chat 1.34: the server's own group chat service at {@code conference.<domain>}
 * ({@code tandem.muc.*}). Rooms live in memory with their occupants; persistent rooms keep their
 * configuration, affiliations and subject in the database. Room messages reach only the sessions
 * that joined (never carbon-copied, SPEC section 3); the history a newcomer gets comes through
 * {@link im.tandem.feature.muc.RoomHistory}, where a room archive (XEP-0313) can plug in.
 */
package im.tandem.feature.muc;
