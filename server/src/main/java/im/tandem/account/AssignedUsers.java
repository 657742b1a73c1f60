package im.tandem.account;

import im.tandem.session.NodeCapacity;
import im.tandem.store.UserStore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The users assigned to this node, which SPEC section 4 counts as one combined session each
 * ({@code tandem_jsm_combined_sessions}). With a single node every account is assigned here.
 * Counted once at start and again after every account change, so a scrape never queries the
 * database.
 */
@Component
public class AssignedUsers implements AccountListener {

    private static final Logger log = LoggerFactory.getLogger(AssignedUsers.class);

    private final UserStore users;
    private final AtomicLong count = new AtomicLong();

    public AssignedUsers(UserStore users, NodeCapacity capacity) {
        this.users = users;
        capacity.countCombined(count::get);
        recount();
    }

    @Override
    public void accountChanged(String username) {
        recount();
    }

    public long count() {
        return count.get();
    }

    private void recount() {
        users.count().subscribe(count::set, e -> log.warn("counting accounts failed", e));
    }
}
