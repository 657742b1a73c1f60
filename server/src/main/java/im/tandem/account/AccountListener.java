package im.tandem.account;

/**
 * Told after an account was created, changed (flags) or deleted, so that what depends on the
 * set of accounts (hybrid sessions, the combined session count) follows at run time.
 */
public interface AccountListener {

    /** {@code username} (normalized) was created, changed or deleted. */
    void accountChanged(String username);
}
