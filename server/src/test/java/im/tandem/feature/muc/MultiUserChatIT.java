package im.tandem.feature.muc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.support.Device;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.Affiliate;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.RoomInfo;
import org.jivesoftware.smackx.muc.UserStatusListener;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.springframework.beans.factory.annotation.Autowired;

/** XEP-0045 end to end with Smack's MultiUserChatManager: the owner, admin and moderator use cases. */
class MultiUserChatIT extends TandemServerTest {

    static final String SERVICE = "conference." + DOMAIN;
    private static final long WAIT = 20;

    @Autowired
    MucFeature muc;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    static EntityBareJid room(String name) throws Exception {
        return JidCreate.entityBareFrom(name + "@" + SERVICE);
    }

    static EntityBareJid user(String name) throws Exception {
        return JidCreate.entityBareFrom(name + "@" + DOMAIN);
    }

    static Resourcepart nick(String nick) throws Exception {
        return Resourcepart.from(nick);
    }

    static MultiUserChat chat(XMPPTCPConnection c, EntityBareJid room) {
        return MultiUserChatManager.getInstanceFor(c).getMultiUserChat(room);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static <T> T unchecked(java.util.concurrent.Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    interface Action {
        void run() throws Exception;
    }

    /** The condition of the error message the room sends back for what {@code action} sends. */
    static Condition errorFor(XMPPTCPConnection c, EntityBareJid room, Action action) throws Exception {
        try (var errors = c.createStanzaCollector(new org.jivesoftware.smack.filter.AndFilter(
                org.jivesoftware.smack.filter.MessageTypeFilter.ERROR,
                org.jivesoftware.smack.filter.FromMatchesFilter.createBare(room)))) {
            action.run();
            Message refused = errors.nextResult(WAIT * 1000);
            assertThat(refused).as("an error from the room").isNotNull();
            return refused.getError().getCondition();
        }
    }

    static Message nextWithBody(BlockingQueue<Message> inbox) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(WAIT);
        while (Instant.now().isBefore(deadline)) {
            Message m = inbox.poll(1, TimeUnit.SECONDS);
            if (m != null && m.getBody() != null) {
                return m;
            }
        }
        throw new AssertionError("no message with a body");
    }

    static Condition joinError(MultiUserChat chat, String nick) {
        try {
            chat.join(nick(nick));
        } catch (XMPPErrorException e) {
            return e.getStanzaError().getCondition();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("joined, but an error was expected");
    }

    @Test
    void instantRoomIsAdvertisedAndCarriesMessagesAndSubject() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        EntityBareJid roomJid = room("instant-" + alice);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "desk");
            XMPPTCPConnection b = clients.login(bob, PASSWORD, "desk");
            MultiUserChatManager manager = MultiUserChatManager.getInstanceFor(a);
            assertThat(manager.getMucServiceDomains()).contains(JidCreate.domainBareFrom(SERVICE));

            MultiUserChat owner = manager.getMultiUserChat(roomJid);
            owner.create(nick("alice")).makeInstant();
            assertThat(manager.getRoomsHostedBy(JidCreate.domainBareFrom(SERVICE))).containsKey(roomJid);

            MultiUserChat guest = chat(b, roomJid);
            BlockingQueue<Message> guestInbox = new LinkedBlockingQueue<>();
            guest.addMessageListener(guestInbox::add);
            guest.join(nick("bob"));
            await(() -> owner.getOccupantsCount() == 2, "bob in alice's view");
            assertThat(meters.get(im.tandem.admin.MeterNames.MUC_OCCUPANTS).gauge().value()).isGreaterThanOrEqualTo(2);
            assertThat(meters.get(im.tandem.admin.MeterNames.MUC_ROOMS).gauge().value()).isGreaterThanOrEqualTo(1);
            double stanzas = meters.get(im.tandem.admin.MeterNames.MUC_STANZAS).counter().count();

            owner.sendMessage("hello room");
            Message m = nextWithBody(guestInbox);
            assertThat(meters.get(im.tandem.admin.MeterNames.MUC_STANZAS).counter().count()).isGreaterThan(stanzas);
            assertThat(m.getBody()).isEqualTo("hello room");
            assertThat(m.getFrom().toString()).isEqualTo(roomJid + "/alice");

            owner.changeSubject("plans");
            await(() -> "plans".equals(guest.getSubject()), "the subject at bob");
            // a participant may not change the subject unless the owner allows it
            // (Smack waits for the echo of the subject and never sees the error, so this one is sent by hand)
            assertThat(errorFor(b, roomJid, () -> b.sendStanza(b.getStanzaFactory().buildMessageStanza().to(roomJid)
                    .ofType(Message.Type.groupchat).setSubject("mine").build()))).isEqualTo(Condition.forbidden);
            assertThat(guest.getSubject()).isEqualTo("plans");

            RoomInfo info = manager.getRoomInfo(roomJid);
            assertThat(info.isPersistent()).isFalse();
            assertThat(info.isMembersOnly()).isFalse();
            assertThat(info.getOccupantsCount()).isEqualTo(2);
            assertThat(info.getSubject()).isEqualTo("plans");

            guest.leave();
            await(() -> owner.getOccupantsCount() == 1, "bob gone");
            owner.leave();
            await(() -> muc.occupants(im.tandem.stanza.Jid.parse(roomJid.toString())) == -1, "the temporary room gone");
        }
    }

    @Test
    void lockedRoomRefusesOthersUntilConfiguredAndNicknamesConflict() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        EntityBareJid roomJid = room("locked-" + alice);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "desk");
            XMPPTCPConnection b = clients.login(bob, PASSWORD, "desk");
            MultiUserChat owner = chat(a, roomJid);
            var handle = owner.create(nick("alice"));
            assertThat(joinError(chat(b, roomJid), "bob")).isEqualTo(Condition.item_not_found);
            handle.makeInstant();
            assertThat(joinError(chat(b, roomJid), "alice")).isEqualTo(Condition.conflict);
            chat(b, roomJid).join(nick("bob"));
        }
    }

    @Test
    void reservedRoomWithFullConfigurationFormAndPassword() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        EntityBareJid roomJid = room("reserved-" + alice);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "desk");
            XMPPTCPConnection b = clients.login(bob, PASSWORD, "desk");
            MultiUserChat owner = chat(a, roomJid);
            owner.create(nick("alice"));
            FillableForm form = owner.getConfigurationForm().getFillableForm();
            form.setAnswer("muc#roomconfig_roomname", "Reserved");
            form.setAnswer("muc#roomconfig_roomdesc", "a room with a password");
            form.setAnswer("muc#roomconfig_passwordprotectedroom", true);
            form.setAnswer("muc#roomconfig_roomsecret", "sesame");
            form.setAnswer("muc#roomconfig_publicroom", false);
            form.setAnswer("muc#roomconfig_whois", "anyone");
            form.setAnswer("muc#roomconfig_maxusers", "10");
            owner.sendConfigurationForm(form);

            RoomInfo info = MultiUserChatManager.getInstanceFor(b).getRoomInfo(roomJid);
            assertThat(info.isPasswordProtected()).isTrue();
            assertThat(info.isNonanonymous()).isTrue();
            assertThat(info.getName()).isEqualTo("Reserved");
            assertThat(info.getDescription()).isEqualTo("a room with a password");
            // hidden: not in the directory
            assertThat(MultiUserChatManager.getInstanceFor(b).getRoomsHostedBy(JidCreate.domainBareFrom(SERVICE)))
                    .doesNotContainKey(roomJid);

            MultiUserChat guest = chat(b, roomJid);
            assertThat(joinError(guest, "bob")).isEqualTo(Condition.not_authorized);
            try {
                guest.join(guest.getEnterConfigurationBuilder(nick("bob")).withPassword("wrong").build());
                throw new AssertionError("joined with a wrong password");
            } catch (XMPPErrorException e) {
                assertThat(e.getStanzaError().getCondition()).isEqualTo(Condition.not_authorized);
            }
            guest.join(guest.getEnterConfigurationBuilder(nick("bob")).withPassword("sesame").build());
            // non-anonymous: bob sees alice's real JID
            await(() -> guest.getOccupant(JidCreate.entityFullFromOrThrowUnchecked(roomJid + "/alice")) != null,
                    "alice in bob's view");
            assertThat((Object) guest.getOccupant(JidCreate.entityFullFromOrThrowUnchecked(roomJid + "/alice")).getJid()
                    .asBareJid()).isEqualTo(user(alice));
            // non-anonymous: the room's items are its occupants
            assertThat(org.jivesoftware.smackx.disco.ServiceDiscoveryManager.getInstanceFor(b).discoverItems(roomJid)
                    .getItems()).extracting(i -> i.getEntityID().toString())
                    .containsExactlyInAnyOrder(roomJid + "/alice", roomJid + "/bob");
            // a participant may not read or change the configuration
            assertThatThrownBy(guest::getConfigurationForm).isInstanceOfSatisfying(XMPPErrorException.class,
                    e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(Condition.forbidden));
        }
    }

    @Test
    void membersOnlyRoomNeedsMembershipAndInvitationsAddMembers() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        String carol = createUser("carol");
        EntityBareJid roomJid = room("members-" + alice);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "desk");
            XMPPTCPConnection b = clients.login(bob, PASSWORD, "desk");
            XMPPTCPConnection c = clients.login(carol, PASSWORD, "desk");
            MultiUserChat owner = chat(a, roomJid);
            owner.create(nick("alice")).getConfigFormManager().makeMembersOnly().submitConfigurationForm();
            assertThat(MultiUserChatManager.getInstanceFor(b).getRoomInfo(roomJid).isMembersOnly()).isTrue();
            assertThat(joinError(chat(b, roomJid), "bob")).isEqualTo(Condition.registration_required);

            owner.grantMembership(user(bob));
            assertThat(owner.getMembers()).extracting(Affiliate::getJid).contains((Jid) user(bob));
            MultiUserChat bobChat = chat(b, roomJid);
            bobChat.join(nick("bob"));

            // an invitation from the owner makes carol a member; carol declines, alice hears of it
            BlockingQueue<String> invitations = new LinkedBlockingQueue<>();
            MultiUserChatManager.getInstanceFor(c).addInvitationListener(
                    (conn, room, inviter, reason, password, message, invitation) ->
                            invitations.add(room.getRoom() + "|" + inviter.asBareJid() + "|" + reason));
            BlockingQueue<String> declines = new LinkedBlockingQueue<>();
            owner.addInvitationRejectionListener((invitee, reason, message, rejection) ->
                    declines.add(invitee.asBareJid() + "|" + reason));
            owner.invite(user(carol), "join us");
            assertThat(invitations.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(roomJid + "|" + user(alice) + "|join us");
            assertThat(owner.getMembers()).extracting(Affiliate::getJid).contains((Jid) user(carol));
            MultiUserChatManager.getInstanceFor(c).decline(roomJid, user(alice), "busy");
            assertThat(declines.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(user(carol) + "|busy");

            // a member may not invite unless the room allows it
            assertThat(errorFor(b, roomJid, () -> bobChat.invite(user(carol), "me too"))).isEqualTo(Condition.forbidden);

            // losing membership in a members-only room removes bob (status 321)
            owner.revokeMembership(user(bob));
            await(() -> !bobChat.isJoined(), "bob removed");
            assertThat(owner.getMembers()).extracting(Affiliate::getJid).doesNotContain((Jid) user(bob));
        }
    }

    @Test
    void directInvitationIsAnOrdinaryMessageBetweenUsers() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        EntityBareJid roomJid = room("direct-" + alice);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "desk");
            Device bobDevice = Device.login(clients, bob, PASSWORD, "desk");
            chat(a, roomJid).create(nick("alice")).makeInstant();
            // XEP-0249: the invitation goes from client to client, the room is not involved
            a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(user(bob))
                    .addExtension(org.jivesoftware.smack.packet.StandardExtensionElement.builder("x", "jabber:x:conference")
                            .addAttribute("jid", roomJid.toString()).addAttribute("reason", "come").build())
                    .build());
            Message got = bobDevice.next().message();
            org.jivesoftware.smackx.muc.packet.GroupChatInvitation x = got.getExtension(
                    org.jivesoftware.smackx.muc.packet.GroupChatInvitation.class);
            assertThat(x).isNotNull();
            assertThat(x.getRoomAddress()).isEqualTo(roomJid.toString());
            assertThat(got.getFrom().asBareJid().toString()).isEqualTo(user(alice).toString());
        }
    }

    @Test
    void moderatorKicksBansAndControlsVoice() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        String carol = createUser("carol");
        EntityBareJid roomJid = room("moderated-" + alice);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "desk");
            XMPPTCPConnection b = clients.login(bob, PASSWORD, "desk");
            XMPPTCPConnection c = clients.login(carol, PASSWORD, "desk");
            MultiUserChat owner = chat(a, roomJid);
            owner.create(nick("alice"));
            FillableForm form = owner.getConfigurationForm().getFillableForm();
            form.setAnswer("muc#roomconfig_moderatedroom", true);
            owner.sendConfigurationForm(form);
            assertThat(MultiUserChatManager.getInstanceFor(b).getRoomInfo(roomJid).isModerated()).isTrue();

            MultiUserChat bobChat = chat(b, roomJid);
            bobChat.join(nick("bob"));
            // a visitor in a moderated room has no voice
            assertThat(errorFor(b, roomJid, () -> bobChat.sendMessage("may I?"))).isEqualTo(Condition.forbidden);
            owner.grantVoice(nick("bob"));
            await(() -> unchecked(owner::getParticipants).stream().anyMatch(o -> "bob".equals(o.getNick().toString())),
                    "bob a participant");
            BlockingQueue<Message> aliceInbox = new LinkedBlockingQueue<>();
            owner.addMessageListener(aliceInbox::add);
            bobChat.sendMessage("now I can");
            assertThat(nextWithBody(aliceInbox).getBody()).isEqualTo("now I can");
            owner.revokeVoice(nick("bob"));
            await(() -> unchecked(owner::getParticipants).stream().noneMatch(o -> "bob".equals(o.getNick().toString())),
                    "bob a visitor again");

            // a moderator (granted by the owner) may not kick the owner
            owner.grantModerator(nick("bob"));
            await(() -> unchecked(owner::getModerators).size() == 2, "bob a moderator");
            assertThatThrownBy(() -> bobChat.kickParticipant(nick("alice"), "coup"))
                    .isInstanceOfSatisfying(XMPPErrorException.class,
                            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(Condition.not_allowed));

            MultiUserChat carolChat = chat(c, roomJid);
            carolChat.join(nick("carol"));
            BlockingQueue<String> kicked = new LinkedBlockingQueue<>();
            carolChat.addUserStatusListener(new UserStatusListener() {
                @Override
                public void kicked(Jid actor, String reason) {
                    kicked.add(String.valueOf(reason));
                }
            });
            bobChat.kickParticipant(nick("carol"), "out");
            assertThat(kicked.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("out");
            await(() -> !carolChat.isJoined(), "carol out");

            // ban: carol is an outcast and cannot come back; a moderator who is not admin cannot ban
            assertThatThrownBy(() -> bobChat.banUser(user(carol), "no")).isInstanceOfSatisfying(XMPPErrorException.class,
                    e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(Condition.forbidden));
            owner.banUser(user(carol), "spam");
            assertThat(owner.getOutcasts()).extracting(Affiliate::getJid).containsExactly((Jid) user(carol));
            assertThat(joinError(chat(c, roomJid), "carol")).isEqualTo(Condition.forbidden);
            owner.grantMembership(user(carol)); // unban by a new affiliation
            assertThat(owner.getOutcasts()).isEmpty();
            chat(c, roomJid).join(nick("carol"));
        }
    }

    @Test
    void adminAndOwnerListsAndDestruction() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        EntityBareJid roomJid = room("lists-" + alice);
        EntityBareJid venue = room("venue-" + alice);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "desk");
            XMPPTCPConnection b = clients.login(bob, PASSWORD, "desk");
            MultiUserChat owner = chat(a, roomJid);
            owner.create(nick("alice")).makeInstant();
            MultiUserChat bobChat = chat(b, roomJid);
            bobChat.join(nick("bob"));
            // a participant may not read the member list or change affiliations
            assertThatThrownBy(bobChat::getOutcasts).isInstanceOf(XMPPErrorException.class);

            owner.grantAdmin(user(bob));
            assertThat(owner.getAdmins()).extracting(Affiliate::getJid).containsExactly((Jid) user(bob));
            await(() -> unchecked(owner::getModerators).size() == 2, "the new admin is a moderator");
            // an admin may not touch owners
            assertThatThrownBy(() -> bobChat.revokeOwnership(user(alice))).isInstanceOfSatisfying(XMPPErrorException.class,
                    e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(Condition.not_allowed));
            owner.revokeAdmin(user(bob).asEntityBareJidIfPossible());
            assertThat(owner.getAdmins()).isEmpty();

            owner.grantOwnership(user(bob));
            assertThat(owner.getOwners()).extracting(Affiliate::getJid).contains((Jid) user(alice), (Jid) user(bob));
            owner.revokeOwnership(user(bob));
            assertThat(owner.getOwners()).extracting(Affiliate::getJid).containsExactly((Jid) user(alice));
            // the last owner cannot step down
            assertThatThrownBy(() -> owner.revokeOwnership(user(alice))).isInstanceOfSatisfying(XMPPErrorException.class,
                    e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(Condition.conflict));

            BlockingQueue<String> destroyed = new LinkedBlockingQueue<>();
            bobChat.addUserStatusListener(new UserStatusListener() {
                @Override
                public void roomDestroyed(MultiUserChat alternate, String reason) {
                    destroyed.add((alternate == null ? "-" : alternate.getRoom().toString()) + "|" + reason);
                }
            });
            assertThatThrownBy(() -> bobChat.destroy("mine now", null)).isInstanceOf(XMPPErrorException.class);
            owner.destroy("moving", venue);
            assertThat(destroyed.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(venue + "|moving");
            try {
                MultiUserChatManager.getInstanceFor(b).getRoomInfo(roomJid);
                throw new AssertionError("the destroyed room still answers");
            } catch (XMPPErrorException e) {
                assertThat(e.getStanzaError().getCondition()).isEqualTo(Condition.item_not_found);
            }
        }
    }

    @Test
    void historyOnJoinHonoursMaxStanzas() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        EntityBareJid roomJid = room("history-" + alice);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "desk");
            MultiUserChat owner = chat(a, roomJid);
            owner.create(nick("alice")).makeInstant();
            BlockingQueue<Message> echo = new LinkedBlockingQueue<>();
            owner.addMessageListener(echo::add);
            for (int i = 1; i <= 4; i++) {
                owner.sendMessage("m" + i);
                assertThat(nextWithBody(echo).getBody()).isEqualTo("m" + i);
            }
            XMPPTCPConnection b = clients.login(bob, PASSWORD, "desk");
            Device bobDevice = new Device(bob, b);
            MultiUserChat bobChat = chat(b, roomJid);
            bobChat.join(bobChat.getEnterConfigurationBuilder(nick("bob")).requestMaxStanzasHistory(2).build());
            List<Device.Delivery> got = bobDevice.drain();
            assertThat(got).extracting(Device.Delivery::body).containsSubsequence("m3", "m4").doesNotContain("m1", "m2");
            assertThat(got.stream().filter(d -> d.body() != null)
                    .allMatch(d -> d.message().hasExtension("delay", "urn:xmpp:delay"))).isTrue();

            XMPPTCPConnection b2 = clients.login(bob, PASSWORD, "phone");
            Device phone = new Device(bob, b2);
            MultiUserChat none = chat(b2, roomJid);
            none.join(none.getEnterConfigurationBuilder(nick("bob2")).requestNoHistory().build());
            assertThat(phone.drain()).extracting(Device.Delivery::body).doesNotContain("m1", "m2", "m3", "m4");
        }
    }

    @Test
    void roomMessagesReachOnlyTheJoinedSessionAndPrivateMessagesFollowCarbonRules() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        EntityBareJid roomJid = room("mdm-" + alice);
        try (XmppClients clients = clients()) {
            Device phone = Device.login(clients, alice, PASSWORD, "phone").enableCarbons();
            Device laptop = Device.login(clients, alice, PASSWORD, "laptop").enableCarbons();
            Device bobDevice = Device.login(clients, bob, PASSWORD, "desk").enableCarbons();
            MultiUserChat aliceChat = chat(phone.connection(), roomJid);
            aliceChat.create(nick("alice")).makeInstant();
            MultiUserChat bobChat = chat(bobDevice.connection(), roomJid);
            bobChat.join(nick("bob"));
            phone.drain();
            laptop.drain();
            bobDevice.drain();

            bobChat.sendMessage("to the room");
            assertThat(phone.next().body()).isEqualTo("to the room");
            assertThat(laptop.drain()).isEmpty();
            assertThat(bobDevice.drain()).extracting(Device.Delivery::body).containsExactly("to the room");

            // bob's private message to alice's nick: the joined phone only, no carbon on the laptop
            Message pm = bobDevice.connection().getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.entityFullFrom(roomJid + "/alice")).ofType(Message.Type.chat).setBody("psst").build();
            bobDevice.connection().sendStanza(pm);
            Device.Delivery got = phone.next();
            assertThat(got.kind()).isEqualTo(Device.Kind.DIRECT);
            assertThat(got.body()).isEqualTo("psst");
            assertThat(got.from()).isEqualTo(roomJid + "/bob");
            assertThat(laptop.drain()).isEmpty();

            // alice's private reply from the phone: the laptop gets a sent carbon (XEP-0280 section 6)
            phone.connection().sendStanza(phone.connection().getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.entityFullFrom(roomJid + "/bob")).ofType(Message.Type.chat).setBody("hi bob").build());
            assertThat(bobDevice.next().body()).isEqualTo("hi bob");
            Device.Delivery copy = laptop.next();
            assertThat(copy.kind()).isEqualTo(Device.Kind.SENT_COPY);
            assertThat(copy.body()).isEqualTo("hi bob");

            // a private message to a nick nobody holds
            phone.connection().sendStanza(phone.connection().getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.entityFullFrom(roomJid + "/nobody")).ofType(Message.Type.chat).setBody("?").build());
            Device.Delivery error = phone.next();
            assertThat(error.message().getType()).isEqualTo(Message.Type.error);
            assertThat(error.message().getError().getCondition()).isEqualTo(Condition.item_not_found);
            laptop.drain();

            // the phone's session ends: alice leaves the room (a session listener sends her unavailable presence)
            phone.connection().disconnect();
            await(() -> bobChat.getOccupantsCount() == 1, "alice gone from the room");
        }
    }

    @Test
    void persistentRoomSurvivesARestartOfTheRoomService() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        EntityBareJid roomJid = room("persistent-" + alice);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "desk");
            MultiUserChat owner = chat(a, roomJid);
            owner.create(nick("alice"));
            FillableForm form = owner.getConfigurationForm().getFillableForm();
            form.setAnswer("muc#roomconfig_persistentroom", true);
            form.setAnswer("muc#roomconfig_roomname", "Kept");
            owner.sendConfigurationForm(form);
            owner.changeSubject("remembered");
            owner.grantMembership(user(bob));
            owner.leave();
            assertThat(muc.occupants(im.tandem.stanza.Jid.parse(roomJid.toString()))).isZero();

            muc.restart().block(Duration.ofSeconds(30));

            XMPPTCPConnection b = clients.login(bob, PASSWORD, "desk");
            RoomInfo info = MultiUserChatManager.getInstanceFor(b).getRoomInfo(roomJid);
            assertThat(info.isPersistent()).isTrue();
            assertThat(info.getName()).isEqualTo("Kept");
            assertThat(info.getSubject()).isEqualTo("remembered");
            MultiUserChat again = chat(a, roomJid);
            again.join(nick("alice"));
            assertThat(again.getMembers()).extracting(Affiliate::getJid).containsExactly((Jid) user(bob));
            assertThat(again.getOwners()).extracting(Affiliate::getJid).containsExactly((Jid) user(alice));
            again.destroy("done", null);
        }
    }

    @Test
    void maxUsersRefusesTheOneTooMany() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        String carol = createUser("carol");
        EntityBareJid roomJid = room("full-" + alice);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "desk");
            MultiUserChat owner = chat(a, roomJid);
            owner.create(nick("alice"));
            FillableForm form = owner.getConfigurationForm().getFillableForm();
            form.setAnswer("muc#roomconfig_maxusers", "5");
            owner.sendConfigurationForm(form);
            XMPPTCPConnection b = clients.login(bob, PASSWORD, "desk");
            for (int i = 0; i < 4; i++) {
                XMPPTCPConnection bi = clients.login(bob, PASSWORD, "r" + i);
                chat(bi, roomJid).join(nick("bob" + i));
            }
            XMPPTCPConnection c = clients.login(carol, PASSWORD, "desk");
            assertThat(joinError(chat(c, roomJid), "carol")).isEqualTo(Condition.service_unavailable);
            assertThat(b.isAuthenticated()).isTrue();
        }
    }

    @Test
    void serviceDiscoveryAndUnknownRooms() throws Exception {
        String alice = createUser("alice");
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "desk");
            MultiUserChatManager manager = MultiUserChatManager.getInstanceFor(a);
            DomainBareJid service = JidCreate.domainBareFrom(SERVICE);
            assertThat(manager.providesMucService(service)).isTrue();
            try {
                manager.getRoomInfo(room("nowhere-" + alice));
                throw new AssertionError("an unknown room answered");
            } catch (XMPPErrorException e) {
                assertThat(e.getStanzaError().getCondition()).isEqualTo(Condition.item_not_found);
            }
        }
    }
}
