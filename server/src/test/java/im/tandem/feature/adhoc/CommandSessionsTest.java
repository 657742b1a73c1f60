package im.tandem.feature.adhoc;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.stanza.Jid;
import org.junit.jupiter.api.Test;

class CommandSessionsTest {

    private static final Jid ADMIN = Jid.parse("admin@localhost");
    private static final Jid OTHER = Jid.parse("root@localhost");
    private static final String NODE = "http://jabber.org/protocol/admin#add-user";

    @Test
    void executionBelongsToItsOwnerAndNodeAndEndsOnce() {
        CommandSessions sessions = new CommandSessions();
        CommandSessions.Execution e = sessions.start(ADMIN, NODE);
        assertThat(sessions.finish(e.id(), OTHER, NODE)).isNull();
        assertThat(sessions.finish(e.id(), ADMIN, "other-node")).isNull();
        assertThat(sessions.finish(e.id(), ADMIN, NODE)).isEqualTo(e);
        assertThat(sessions.finish(e.id(), ADMIN, NODE)).isNull();
    }

    @Test
    void eachAdminHasABoundedNumberOpen() {
        CommandSessions sessions = new CommandSessions();
        for (int i = 0; i < CommandSessions.MAX_PER_ADMIN; i++) {
            assertThat(sessions.start(ADMIN, NODE)).isNotNull();
        }
        assertThat(sessions.start(ADMIN, NODE)).isNull();
        assertThat(sessions.start(OTHER, NODE)).isNotNull();
    }
}
