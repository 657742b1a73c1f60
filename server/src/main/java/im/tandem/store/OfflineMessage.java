package im.tandem.store;

import java.time.Instant;

/**
 * A message stored while its recipient was offline.
 *
 * @param id        increasing per store; delivery order
 * @param stanza    the serialized message stanza
 * @param storedAt  when it was stored (kept to the microsecond)
 */
public record OfflineMessage(long id, String stanza, Instant storedAt) {
}
