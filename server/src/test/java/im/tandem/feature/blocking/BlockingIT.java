package im.tandem.feature.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/** XEP-0191 end to end: a block stops messages both ways, with the errors the XEP names. */
class BlockingIT extends TandemServerTest {

    private static final long DEADLINE_SECONDS = 30;

    @Test
    void blockedSenderGetsErrorAndBlockerReceivesNothingUntilUnblock() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        EntityBareJid aliceJid = JidCreate.entityBareFrom(alice + "@" + DOMAIN);
        EntityBareJid bobJid = JidCreate.entityBareFrom(bob + "@" + DOMAIN);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "phone");
            XMPPTCPConnection a2 = clients.login(alice, PASSWORD, "desktop");
            XMPPTCPConnection b = clients.login(bob, PASSWORD, "laptop");
            BlockingQueue<Message> aliceInbox = new LinkedBlockingQueue<>();
            a.addSyncStanzaListener(s -> aliceInbox.add((Message) s),
                    s -> s instanceof Message m && m.getType() != Message.Type.error);

            BlockingCommandManager blocking = BlockingCommandManager.getInstanceFor(a);
            assertThat(blocking.isSupportedByServer()).isTrue();
            BlockingCommandManager otherDevice = BlockingCommandManager.getInstanceFor(a2);
            assertThat(otherDevice.getBlockList()).isEmpty();

            blocking.blockContacts(List.of(bobJid));
            // Smack updates its cached list from the result and from the push: wait for it to settle
            awaitBlockList(blocking, List.of(bobJid));
            // the other device asked for the list before, so the server pushed the change to it
            awaitBlockList(otherDevice, List.of(bobJid));

            // bob writes to alice: service-unavailable, alice sees nothing
            StanzaError inbound = sendAndAwaitError(b, aliceJid, "while blocked");
            assertThat(inbound.getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);

            // alice writes to bob: not-acceptable with the blocking application error
            StanzaError outbound = sendAndAwaitError(a, bobJid, "to someone I blocked");
            assertThat(outbound.getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
            assertThat((Object) outbound.getExtension("blocked", "urn:xmpp:blocking:errors")).isNotNull();

            blocking.unblockContacts(List.of(bobJid));
            awaitBlockList(blocking, List.of());
            awaitBlockList(otherDevice, List.of());

            b.sendStanza(b.getStanzaFactory().buildMessageStanza().to(aliceJid).ofType(Message.Type.chat)
                    .setBody("after unblock").build());
            Message first = aliceInbox.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            // the message sent while blocked never arrived: the first one alice gets is this
            assertThat(first.getBody()).isEqualTo("after unblock");
        }
    }

    @Test
    void emptyUnblockUnblocksEveryone() throws Exception {
        String alice = createUser("alice");
        try (XmppClients clients = clients()) {
            XMPPTCPConnection a = clients.login(alice, PASSWORD, "phone");
            BlockingCommandManager blocking = BlockingCommandManager.getInstanceFor(a);
            Jid one = JidCreate.from("spammer@example.org");
            Jid two = JidCreate.from("example.net");
            blocking.blockContacts(List.of(one, two));
            awaitBlockList(blocking, List.of(one, two));
            blocking.unblockAll();
            awaitBlockList(blocking, List.of());
        }
    }

    private static StanzaError sendAndAwaitError(XMPPTCPConnection from, EntityBareJid to, String body)
            throws Exception {
        Message message = from.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat)
                .setBody(body).build();
        StanzaFilter errorReply = s -> s instanceof Message m && m.getType() == Message.Type.error
                && message.getStanzaId().equals(m.getStanzaId());
        try (StanzaCollector collector = from.createStanzaCollector(errorReply)) {
            from.sendStanza(message);
            Message error = collector.nextResult(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
            assertThat(error).as("error reply to %s", body).isNotNull();
            return error.getError();
        }
    }

    private static void awaitBlockList(BlockingCommandManager manager, List<? extends Jid> expected)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(DEADLINE_SECONDS));
        while (!new java.util.HashSet<>(manager.getBlockList()).equals(new java.util.HashSet<>(expected))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(manager.getBlockList()).containsExactlyInAnyOrderElementsOf(expected);
    }
}
