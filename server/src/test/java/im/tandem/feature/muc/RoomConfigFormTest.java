package im.tandem.feature.muc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.stanza.Jid;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the room configuration form: good values apply, bad values are refused, storage round-trips. */
class RoomConfigFormTest {

    static final MucProperties P = MucRoomsTest.PROPERTIES;

    @Test
    void submittedValuesApplyAndOthersStay() throws Exception {
        RoomConfig c = RoomConfigForm.apply(RoomConfig.defaults(P), Map.of(
                RoomConfigForm.NAME, List.of("Lounge"),
                RoomConfigForm.MEMBERS_ONLY, List.of("true"),
                RoomConfigForm.PASSWORD_PROTECTED, List.of("1"),
                RoomConfigForm.SECRET, List.of("s3cret"),
                RoomConfigForm.WHOIS, List.of("anyone"),
                RoomConfigForm.MAX_USERS, List.of("20")), P);
        assertThat(c.name()).isEqualTo("Lounge");
        assertThat(c.membersOnly()).isTrue();
        assertThat(c.password()).isEqualTo("s3cret");
        assertThat(c.whoisAnyone()).isTrue();
        assertThat(c.maxUsers()).isEqualTo(20);
        assertThat(c.historyLength()).isEqualTo(P.defaultHistory());
    }

    @Test
    void badValuesAreRefused() {
        for (Map<String, List<String>> bad : List.of(
                Map.of(RoomConfigForm.MAX_USERS, List.of("0")),
                Map.of(RoomConfigForm.MAX_USERS, List.of("51")),
                Map.of(RoomConfigForm.HISTORY, List.of("-1")),
                Map.of(RoomConfigForm.MODERATED, List.of("yes")),
                Map.of(RoomConfigForm.ALLOW_PM, List.of("everyone")),
                Map.of(RoomConfigForm.DESC, List.of("d".repeat(257))),
                Map.of(RoomConfigForm.PASSWORD_PROTECTED, List.of("1")))) {
            assertThatThrownBy(() -> RoomConfigForm.apply(RoomConfig.defaults(P), bad, P)).as(bad.toString())
                    .isInstanceOf(RoomConfigForm.InvalidForm.class);
        }
        assertThatThrownBy(() -> RoomConfigForm.jidList(Map.of(RoomConfigForm.OWNERS, List.of("conference.localhost")),
                RoomConfigForm.OWNERS)).isInstanceOf(RoomConfigForm.InvalidForm.class);
    }

    @Test
    void storedFormReadsBackTheSameConfiguration() throws Exception {
        RoomConfig c = new RoomConfig("n", "d", true, false, true, true, "pw", 30, true, "moderators", true, true, 7);
        RoomConfig back = RoomConfigForm.apply(RoomConfig.defaults(P), RoomConfigForm.values(RoomConfigForm.submitted(c)), P);
        assertThat(back).isEqualTo(c);
        Room room = new Room(Jid.parse("r@conference.localhost"), c, Instant.now(), e -> { });
        assertThat(RoomConfigForm.form(room, P).toString()).contains("muc#roomconfig_roomsecret", "muc#roomconfig_roomowners");
    }
}
