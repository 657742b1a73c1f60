package im.tandem.feature.muc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import im.tandem.store.MucRoomStore;
import im.tandem.store.XmlFragments;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The room protocol without sockets: stanzas in as XML, what the rooms send out as XML. */
class MucRoomsTest {

    static final MucProperties PROPERTIES = new MucProperties(true, "", 100, 5, 10, 50, 20, 50, 16, 10, 100, 256, 10);
    static final String ROOM = "room@conference.localhost";

    final List<Element> out = new ArrayList<>();
    MucRooms rooms;

    @BeforeEach
    void setUp() {
        MucRoomStore store = mock(MucRoomStore.class);
        when(store.delete(anyString())).thenReturn(Mono.empty());
        when(store.save(any())).thenReturn(Mono.empty());
        rooms = new MucRooms(PROPERTIES, new MemoryRoomHistory(), new MucPersistence(store), out::add);
    }

    void in(String xml) {
        Stanza stanza = Stanza.of(XmlFragments.parse(xml));
        rooms.handle(stanza, stanza.to(), null);
    }

    List<Element> take() {
        List<Element> copy = List.copyOf(out);
        out.clear();
        return copy;
    }

    static List<String> codes(Element presence) {
        Element x = presence.child("x", Muc.USER);
        return x == null ? List.of() : x.children("status", Muc.USER).stream().map(s -> s.attribute("code"))
                .collect(Collectors.toList());
    }

    void createInstant() {
        in("<presence xmlns='jabber:client' id='j1' from='alice@localhost/a' to='" + ROOM + "/alice'>"
                + "<x xmlns='http://jabber.org/protocol/muc'/></presence>");
        in("<iq xmlns='jabber:client' type='set' id='c1' from='alice@localhost/a' to='" + ROOM + "'>"
                + "<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>");
        take();
    }

    @Test
    void creatorGetsSelfPresenceWithCreatedStatusAndItsOwnId() {
        in("<presence xmlns='jabber:client' id='j1' from='alice@localhost/a' to='" + ROOM + "/alice'>"
                + "<x xmlns='http://jabber.org/protocol/muc'/></presence>");
        List<Element> sent = take();
        Element self = sent.get(0);
        assertThat(self.attribute("from")).isEqualTo(ROOM + "/alice");
        assertThat(self.attribute("id")).isEqualTo("j1");
        assertThat(codes(self)).containsExactly("110", "201");
        Element item = self.child("x", Muc.USER).child("item", Muc.USER);
        assertThat(item.attribute("affiliation")).isEqualTo("owner");
        assertThat(item.attribute("role")).isEqualTo("moderator");
        // then the (empty) subject, and no history for a new room
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).child("subject", Stanza.CLIENT_NAMESPACE)).isNotNull();
    }

    @Test
    void semiAnonymousRoomShowsRealJidsToModeratorsOnly() {
        createInstant();
        in("<presence xmlns='jabber:client' id='j2' from='bob@localhost/b' to='" + ROOM + "/bob'/>");
        List<Element> sent = take();
        Element aliceSeenByBob = sent.stream().filter(p -> "bob@localhost/b".equals(p.attribute("to"))
                && (ROOM + "/alice").equals(p.attribute("from"))).findFirst().orElseThrow();
        assertThat(aliceSeenByBob.child("x", Muc.USER).child("item", Muc.USER).attribute("jid")).isNull();
        Element bobSeenByAlice = sent.stream().filter(p -> "alice@localhost/a".equals(p.attribute("to"))).findFirst()
                .orElseThrow();
        assertThat(bobSeenByAlice.child("x", Muc.USER).child("item", Muc.USER).attribute("jid")).isEqualTo("bob@localhost/b");
        Element bobSelf = sent.stream().filter(p -> "bob@localhost/b".equals(p.attribute("to"))
                && (ROOM + "/bob").equals(p.attribute("from"))).findFirst().orElseThrow();
        assertThat(codes(bobSelf)).containsExactly("110");
        assertThat(bobSelf.attribute("id")).isEqualTo("j2");
    }

    @Test
    void secondSessionOfTheSameUserSharesTheNickAndOthersSeeNoNewOccupant() {
        createInstant();
        in("<presence xmlns='jabber:client' from='alice@localhost/phone' to='" + ROOM + "/alice'/>");
        List<Element> sent = take();
        assertThat(sent).allMatch(e -> "alice@localhost/phone".equals(e.attribute("to")));
        assertThat(rooms.occupants(Jid.parse(ROOM))).isEqualTo(1);
        in("<message xmlns='jabber:client' type='groupchat' from='alice@localhost/a' to='" + ROOM + "'><body>hi</body></message>");
        assertThat(take()).extracting(e -> e.attribute("to")).containsExactlyInAnyOrder("alice@localhost/a", "alice@localhost/phone");
        // one session leaves: only it hears of it, the occupant stays
        in("<presence xmlns='jabber:client' type='unavailable' from='alice@localhost/phone' to='" + ROOM + "/alice'/>");
        assertThat(take()).extracting(e -> e.attribute("to")).containsExactly("alice@localhost/phone");
        assertThat(rooms.occupants(Jid.parse(ROOM))).isEqualTo(1);
    }

    @Test
    void nickChangeSends303ThenTheNewPresence() {
        createInstant();
        in("<presence xmlns='jabber:client' from='bob@localhost/b' to='" + ROOM + "/bob'/>");
        take();
        in("<presence xmlns='jabber:client' id='n1' from='bob@localhost/b' to='" + ROOM + "/robert'/>");
        List<Element> toAlice = take().stream().filter(e -> "alice@localhost/a".equals(e.attribute("to"))).toList();
        assertThat(toAlice).hasSize(2);
        assertThat(toAlice.get(0).attribute("type")).isEqualTo("unavailable");
        assertThat(codes(toAlice.get(0))).contains("303");
        assertThat(toAlice.get(0).child("x", Muc.USER).child("item", Muc.USER).attribute("nick")).isEqualTo("robert");
        assertThat(toAlice.get(1).attribute("from")).isEqualTo(ROOM + "/robert");
    }

    @Test
    void historyLimitsAreHonouredAndStampedWithDelay() {
        createInstant();
        for (int i = 0; i < 5; i++) {
            in("<message xmlns='jabber:client' type='groupchat' from='alice@localhost/a' to='" + ROOM + "'><body>m" + i
                    + "</body></message>");
        }
        take();
        in("<presence xmlns='jabber:client' from='bob@localhost/b' to='" + ROOM + "/bob'>"
                + "<x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='2'/></x></presence>");
        List<String> bodies = take().stream().filter(e -> e.name().equals("message"))
                .map(e -> e.childText("body", Stanza.CLIENT_NAMESPACE)).filter(b -> b != null).toList();
        assertThat(bodies).containsExactly("m3", "m4");
        in("<presence xmlns='jabber:client' from='carol@localhost/c' to='" + ROOM + "/carol'>"
                + "<x xmlns='http://jabber.org/protocol/muc'><history maxchars='0'/></x></presence>");
        assertThat(take()).noneMatch(e -> e.name().equals("message") && e.child("body", Stanza.CLIENT_NAMESPACE) != null);
        in("<presence xmlns='jabber:client' from='dave@localhost/d' to='" + ROOM + "/dave'/>");
        List<Element> all = take().stream().filter(e -> e.child("body", Stanza.CLIENT_NAMESPACE) != null).toList();
        assertThat(all).hasSize(5).allMatch(e -> e.child("delay", Muc.DELAY) != null);
    }

    @Test
    void voiceRequestReachesModeratorsAndApprovalGivesVoice() {
        createInstant();
        in("<iq xmlns='jabber:client' type='set' id='c2' from='alice@localhost/a' to='" + ROOM + "'>"
                + "<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='muc#roomconfig_moderatedroom'><value>1</value></field></x></query></iq>");
        in("<presence xmlns='jabber:client' from='bob@localhost/b' to='" + ROOM + "/bob'/>");
        take();
        in("<message xmlns='jabber:client' from='bob@localhost/b' to='" + ROOM + "'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#request</value></field>"
                + "<field var='muc#role'><value>participant</value></field></x></message>");
        List<Element> forwarded = take();
        assertThat(forwarded).hasSize(1);
        assertThat(forwarded.get(0).attribute("to")).isEqualTo("alice@localhost/a");
        in("<message xmlns='jabber:client' from='alice@localhost/a' to='" + ROOM + "'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#request</value></field>"
                + "<field var='muc#roomnick'><value>bob</value></field>"
                + "<field var='muc#request_allow'><value>true</value></field></x></message>");
        assertThat(take()).anyMatch(p -> (ROOM + "/bob").equals(p.attribute("from"))
                && "participant".equals(p.child("x", Muc.USER).child("item", Muc.USER).attribute("role")));
    }

    @Test
    void roomDiscoDescribesTheConfiguration() {
        createInstant();
        in("<iq xmlns='jabber:client' type='get' id='d' from='bob@localhost/b' to='" + ROOM + "'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        String info = take().get(0).toString();
        assertThat(info).contains("muc_temporary", "muc_open", "muc_unmoderated", "muc_unsecured", "muc_public",
                "muc_semianonymous", "http://jabber.org/protocol/muc#roominfo");
        in("<iq xmlns='jabber:client' type='get' id='i' from='bob@localhost/b' to='" + ROOM + "'>"
                + "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
        // semi-anonymous: occupants are not listed
        assertThat(take().get(0).child("query", "http://jabber.org/protocol/disco#items").elements()).isEmpty();
    }

    @Test
    void temporaryRoomIsGoneWhenTheLastOccupantLeaves() {
        createInstant();
        in("<presence xmlns='jabber:client' type='unavailable' id='bye' from='alice@localhost/a' to='" + ROOM + "/alice'/>");
        Element self = take().get(0);
        assertThat(self.attribute("id")).isEqualTo("bye");
        assertThat(codes(self)).contains("110");
        assertThat(rooms.occupants(Jid.parse(ROOM))).isEqualTo(-1);
    }

    @Test
    void iqBetweenOccupantsIsRelayedWithoutRealJids() {
        createInstant();
        in("<presence xmlns='jabber:client' from='bob@localhost/b' to='" + ROOM + "/bob'/>");
        take();
        in("<iq xmlns='jabber:client' type='get' id='v1' from='bob@localhost/b' to='" + ROOM + "/alice'>"
                + "<query xmlns='jabber:iq:version'/></iq>");
        Element relayed = take().get(0);
        assertThat(relayed.attribute("to")).isEqualTo("alice@localhost/a");
        assertThat(relayed.attribute("from")).isEqualTo(ROOM + "/bob");
        String id = relayed.attribute("id");
        assertThat(id).isNotEqualTo("v1");
        // an answer from someone else under that id goes nowhere
        in("<iq xmlns='jabber:client' type='result' id='" + id + "' from='bob@localhost/b' to='" + ROOM + "/bob'/>");
        assertThat(take()).isEmpty();
        in("<iq xmlns='jabber:client' type='result' id='" + id + "' from='alice@localhost/a' to='" + ROOM + "/bob'>"
                + "<query xmlns='jabber:iq:version'><name>x</name></query></iq>");
        Element back = take().get(0);
        assertThat(back.attribute("to")).isEqualTo("bob@localhost/b");
        assertThat(back.attribute("from")).isEqualTo(ROOM + "/alice");
        assertThat(back.attribute("id")).isEqualTo("v1");
        // a stranger may not query occupants, and nobody may query a missing nick
        in("<iq xmlns='jabber:client' type='get' id='v2' from='eve@localhost/e' to='" + ROOM + "/alice'>"
                + "<query xmlns='jabber:iq:version'/></iq>");
        assertThat(take().get(0).toString()).contains("not-acceptable");
        in("<iq xmlns='jabber:client' type='get' id='v3' from='bob@localhost/b' to='" + ROOM + "/nobody'>"
                + "<query xmlns='jabber:iq:version'/></iq>");
        assertThat(take().get(0).toString()).contains("item-not-found");
    }

    @Test
    void selfPingIsAnsweredByTheServiceAndFailsWhenNotJoined() {
        createInstant();
        in("<iq xmlns='jabber:client' type='get' id='sp' from='alice@localhost/a' to='" + ROOM + "/alice'>"
                + "<ping xmlns='urn:xmpp:ping'/></iq>");
        Element pong = take().get(0);
        assertThat(pong.attribute("type")).isEqualTo("result");
        assertThat(pong.attribute("to")).isEqualTo("alice@localhost/a");
        in("<iq xmlns='jabber:client' type='get' id='sp2' from='alice@localhost/other' to='" + ROOM + "/alice'>"
                + "<ping xmlns='urn:xmpp:ping'/></iq>");
        assertThat(take().get(0).toString()).contains("type=\"error\"").contains("not-acceptable");
    }
}
