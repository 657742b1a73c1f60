package im.tandem.store;

import java.time.Instant;

/**
 * One audit log entry.
 *
 * @param id      increasing; newer entries have larger ids
 * @param at      when it happened (kept to the microsecond)
 * @param actor   who did it (an admin username, or {@code system})
 * @param action  what was done, e.g. {@code user.delete}
 * @param target  what it was done to, or {@code null}
 * @param detail  free text, or {@code null}
 * @param source  where the request came from (address, {@code api}, {@code ui}), or {@code null}
 */
public record AuditEntry(long id, Instant at, String actor, String action,
                         String target, String detail, String source) {
}
