package im.tandem.account;

import java.time.Instant;

/** An account as administrators see it: never any credential material. */
public record Account(String username, boolean admin, boolean hybrid, boolean disabled, Instant createdAt) {
}
