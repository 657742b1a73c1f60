package im.tandem.feature.mam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.admin.MeterNames;
import im.tandem.store.ArchiveStore;
import im.tandem.support.Device;
import im.tandem.support.Device.Delivery;
import im.tandem.support.Device.Kind;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.csi.ClientStateIndicationManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQuery;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.mam.element.MamPrefsIQ.DefaultBehavior;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.jivesoftware.smackx.xdata.FormField;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.beans.factory.annotation.Autowired;

/** XEP-0313 end to end with Smack's MamManager: archiving once per user, stanza-ids, paging, filters, preferences. */
class MamIT extends TandemServerTest {

    @Autowired
    MeterRegistry meters;

    @Autowired
    ArchiveStore archiveStore;

    @Test
    void archiveIsAdvertisedWithItsForm() throws Exception {
        String alice = createUser("alice");
        try (XmppClients clients = clients()) {
            XMPPTCPConnection c = clients.login(alice, PASSWORD, "laptop");
            MamManager mam = MamManager.getInstanceFor(c);
            assertThat(mam.isSupported()).isTrue();
            assertThat(ServiceDiscoveryManager.getInstanceFor(c).discoverInfo(bare(alice)).getFeatures())
                    .extracting(f -> f.getVar())
                    .contains(MamFeature.NAMESPACE, MamFeature.EXTENDED, StanzaIds.NAMESPACE);
            assertThat(mam.retrieveFormFields()).extracting(FormField::getFieldName)
                    .contains("with", "start", "end", "before-id", "after-id", "ids");
        }
    }

    @Test
    void twoDeviceUsersWithCarbonsGetOneEntryPerMessageWithTheIdTheirDevicesSaw() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        double archivedBefore = meters.get(MeterNames.MAM_ARCHIVED).tag("direction", "in").counter().count();
        try (XmppClients clients = clients()) {
            Device phone = device(clients, alice, "phone").enableCarbons();
            Device laptop = device(clients, alice, "laptop").enableCarbons();
            Device desk = device(clients, bob, "desk").enableCarbons();
            Device tablet = device(clients, bob, "tablet").enableCarbons();

            chat(laptop, bare(bob), "from alice");
            List<Delivery> atBob = List.of(desk.next(), tablet.next());
            Delivery sentCopy = phone.next();
            assertThat(sentCopy.kind()).isEqualTo(Kind.SENT_COPY);
            chat(desk, bare(alice), "from bob");
            List<Delivery> atAlice = List.of(laptop.next(), phone.next());
            tablet.next(); // bob's own sent copy
            laptop.sync();
            desk.sync();

            for (Device d : List.of(phone, laptop)) {
                List<Archived> archive = query(d, MamQueryArgs.builder().build());
                assertThat(archive).extracting(Archived::body).containsExactly("from alice", "from bob");
                assertThat(sentCopy.message().getExtension(StanzaIdElement.class).getId()).isEqualTo(archive.get(0).id());
                assertThat(StanzaIdElement.getStanzaId(sentCopy.message()).getBy()).isEqualTo(alice + "@" + DOMAIN);
                for (Delivery got : atAlice) {
                    assertThat(stanzaId(got.message(), alice)).as("stanza-id on %s", got).isEqualTo(archive.get(1).id());
                }
            }
            for (Device d : List.of(desk, tablet)) {
                List<Archived> archive = query(d, MamQueryArgs.builder().build());
                assertThat(archive).extracting(Archived::body).containsExactly("from alice", "from bob");
                for (Delivery got : atBob) {
                    assertThat(stanzaId(got.message(), bob)).as("stanza-id on %s", got).isEqualTo(archive.get(0).id());
                }
            }
        }
        assertThat(meters.get(MeterNames.MAM_ARCHIVED).tag("direction", "in").counter().count() - archivedBefore)
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void offlineAndQuietModeCopiesCarryTheArchiveIdAndAreArchivedOnce() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (XmppClients clients = clients()) {
            Device a = device(clients, alice, "laptop");
            chat(a, bare(bob), "while you were away");
            a.sync();
            Device phone = device(clients, bob, "phone").enableCarbons();
            Delivery offline = phone.next();
            assertThat(offline.body()).isEqualTo("while you were away");
            Device laptop = device(clients, bob, "laptop").enableCarbons();
            ClientStateIndicationManager.inactive(phone.connection());
            phone.sync(); // the ping's answer is an iq: it flushes, then the phone stays quiet
            chat(a, bare(bob), "held for the phone");
            Delivery direct = laptop.next();
            a.sync();
            laptop.sync();
            assertThat(phone.received()).isEmpty(); // held in the phone's quiet-mode buffer
            ClientStateIndicationManager.active(phone.connection());
            Delivery flushed = phone.next();
            assertThat(flushed.kind()).isEqualTo(Kind.RECEIVED_COPY);
            assertThat(flushed.body()).isEqualTo("held for the phone");

            List<Archived> archive = query(laptop, MamQueryArgs.builder().build());
            assertThat(archive).extracting(Archived::body).containsExactly("while you were away", "held for the phone");
            assertThat(stanzaId(offline.message(), bob)).isEqualTo(archive.get(0).id());
            assertThat(stanzaId(direct.message(), bob)).isEqualTo(archive.get(1).id());
            assertThat(stanzaId(flushed.message(), bob)).isEqualTo(archive.get(1).id());
        }
    }

    @Test
    void pagesThroughThirtyMessagesForwardAndBackward() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        List<String> sent = new ArrayList<>();
        try (XmppClients clients = clients()) {
            Device a = device(clients, alice, "laptop");
            for (int i = 1; i <= 30; i++) {
                sent.add("message " + i);
                chat(a, bare(bob), "message " + i);
            }
            a.sync();
            MamManager mam = MamManager.getInstanceFor(a.connection());

            MamQuery forward = mam.queryArchive(MamQueryArgs.builder().setResultPageSize(10).build());
            List<String> seen = new ArrayList<>(bodies(forward.getMessages()));
            assertThat(forward.isComplete()).isFalse();
            assertThat(forward.getPage().getMamFinIq().getRSMSet().getCount()).isEqualTo(30);
            while (!forward.isComplete()) {
                List<Message> next = forward.pageNext(10);
                assertThat(next).hasSizeLessThanOrEqualTo(10);
                seen.addAll(bodies(next));
            }
            assertThat(seen).isEqualTo(sent);

            MamQuery backward = mam.queryArchive(MamQueryArgs.builder().setResultPageSize(10).queryLastPage().build());
            List<String> back = new ArrayList<>(bodies(backward.getMessages()));
            assertThat(back).isEqualTo(sent.subList(20, 30));
            assertThat(backward.getPage().getMamFinIq().getRSMSet().getFirstIndex()).isEqualTo(20);
            List<String> previous = bodies(backward.pagePrevious(10));
            assertThat(previous).isEqualTo(sent.subList(10, 20));
            assertThat(bodies(backward.pagePrevious(10))).isEqualTo(sent.subList(0, 10));
            assertThat(backward.isComplete()).isTrue();
        }
        // the recipient, offline all along, has them too
        try (XmppClients clients = clients()) {
            XMPPTCPConnection b = clients.login(bob, PASSWORD, "desk");
            MamQuery q = MamManager.getInstanceFor(b).queryArchive(MamQueryArgs.builder().setResultPageSize(50).build());
            assertThat(bodies(q.getMessages())).isEqualTo(sent);
            assertThat(q.isComplete()).isTrue();
        }
    }

    @Test
    void filtersByPeerAndTime() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        String carol = createUser("carol");
        try (XmppClients clients = clients()) {
            Device a = device(clients, alice, "laptop");
            chat(a, bare(bob), "early to bob");
            chat(a, bare(carol), "early to carol");
            a.sync();
            Thread.sleep(50);
            Date between = new Date();
            Thread.sleep(50);
            chat(a, bare(bob), "late to bob");
            chat(a, bare(carol), "late to carol");
            a.sync();

            assertThat(bodies(query(a, MamQueryArgs.builder().limitResultsToJid(bare(carol)).build())))
                    .containsExactly("early to carol", "late to carol");
            assertThat(bodies(query(a, MamQueryArgs.builder().limitResultsSince(between).build())))
                    .containsExactly("late to bob", "late to carol");
            assertThat(bodies(query(a, MamQueryArgs.builder().limitResultsBefore(between).build())))
                    .containsExactly("early to bob", "early to carol");
            assertThat(bodies(query(a, MamQueryArgs.builder().limitResultsToJid(bare(bob)).limitResultsSince(between).build())))
                    .containsExactly("late to bob");
        }
    }

    @Test
    void preferencesNeverAndAlwaysArePersistedAndFollowed() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        String carol = createUser("carol");
        try (XmppClients clients = clients()) {
            Device a = device(clients, alice, "laptop");
            MamManager mam = MamManager.getInstanceFor(a.connection());
            MamManager.MamPrefs prefs = mam.retrieveArchivingPreferences().asMamPrefs();
            assertThat(prefs.getDefaultBehavior()).isEqualTo(DefaultBehavior.always);
            prefs.getNeverJids().add(bare(carol));
            mam.updateArchivingPreferences(prefs);
            chat(a, bare(bob), "kept");
            chat(a, bare(carol), "not kept");
            a.sync();
            assertThat(bodies(query(a, MamQueryArgs.builder().build()))).containsExactly("kept");

            prefs = mam.retrieveArchivingPreferences().asMamPrefs();
            prefs.setDefaultBehavior(DefaultBehavior.never);
            prefs.getNeverJids().clear();
            prefs.getAlwaysJids().add(bare(carol));
            mam.updateArchivingPreferences(prefs);
            chat(a, bare(bob), "bob no longer kept");
            chat(a, bare(carol), "carol kept now");
            a.sync();
            assertThat(bodies(query(a, MamQueryArgs.builder().build()))).containsExactly("kept", "carol kept now");
        }
        try (XmppClients clients = clients()) {
            XMPPTCPConnection again = clients.login(alice, PASSWORD, "phone");
            MamManager.MamPrefs stored = MamManager.getInstanceFor(again).retrieveArchivingPreferences().asMamPrefs();
            assertThat(stored.getDefaultBehavior()).isEqualTo(DefaultBehavior.never);
            assertThat(stored.getAlwaysJids()).containsExactly(bare(carol));
            assertThat(stored.getNeverJids()).isEmpty();
        }
    }

    @Test
    void rosterDefaultArchivesOnlyContacts() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        String carol = createUser("carol");
        try (XmppClients clients = clients()) {
            Device a = device(clients, alice, "laptop");
            Roster.getInstanceFor(a.connection()).createItem(bare(bob), "Bob", null);
            MamManager.getInstanceFor(a.connection()).enableMamForRosterMessages();
            chat(a, bare(bob), "to a contact");
            chat(a, bare(carol), "to a stranger");
            a.sync();
            assertThat(bodies(query(a, MamQueryArgs.builder().build()))).containsExactly("to a contact");
        }
    }

    @Test
    void anotherUsersArchiveIsForbiddenAndUnknownIdsAreNotFound() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (XmppClients clients = clients()) {
            XMPPTCPConnection c = clients.login(alice, PASSWORD, "laptop");
            MamManager bobs = MamManager.getInstanceFor(c, bare(bob));
            assertThatThrownBy(() -> bobs.queryArchive(MamQueryArgs.builder().build()))
                    .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e ->
                            assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
            assertThat(meters.get(MeterNames.MAM_QUERIES).tag("result", "error").counter().count()).isPositive();
            MamManager own = MamManager.getInstanceFor(c);
            assertThatThrownBy(() -> own.queryArchive(MamQueryArgs.builder().afterUid("no-such-id").build()))
                    .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e ->
                            assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found));
        }
    }

    @Test
    void aDeletedAccountsArchiveGoesWithIt() throws Exception {
        String alice = createUser("alice");
        String bob = createUser("bob");
        try (XmppClients clients = clients()) {
            Device a = device(clients, alice, "laptop");
            chat(a, bare(bob), "soon gone");
            a.sync();
        }
        ArchiveStore.Filter all = new ArchiveStore.Filter(alice + "@" + DOMAIN, null, null, null, null, null, null, null);
        assertThat(archiveStore.count(all).block()).isEqualTo(1);
        accounts.delete(alice).block();
        for (int i = 0; i < 500 && archiveStore.count(all).block() > 0; i++) {
            Thread.sleep(20);
        }
        assertThat(archiveStore.count(all).block()).isZero();
        assertThat(archiveStore.count(new ArchiveStore.Filter(bob + "@" + DOMAIN, null, null, null, null, null, null, null))
                .block()).isEqualTo(1);
    }

    record Archived(String id, String body) {
    }

    static List<Archived> query(Device d, MamQueryArgs args) throws Exception {
        MamQuery q = MamManager.getInstanceFor(d.connection()).queryArchive(args);
        List<Archived> all = new ArrayList<>();
        for (MamResultExtension r : q.getMamResultExtensions()) {
            all.add(new Archived(r.getId(), r.getForwarded().getForwardedStanza().getBody()));
        }
        return all;
    }

    static List<String> bodies(List<?> items) {
        List<String> bodies = new ArrayList<>();
        for (Object o : items) {
            bodies.add(o instanceof Archived a ? a.body() : ((Message) o).getBody());
        }
        return bodies;
    }

    static String stanzaId(Message m, String owner) {
        StanzaIdElement id = StanzaIdElement.getStanzaId(m);
        assertThat(id).as("stanza-id on %s", m.toXML()).isNotNull();
        assertThat(id.getBy()).isEqualTo(owner + "@" + DOMAIN);
        return id.getId();
    }

    Device device(XmppClients clients, String user, String resource) throws Exception {
        Device d = Device.login(clients, user, PASSWORD, resource);
        d.sync();
        return d;
    }

    static BareJid bare(String user) {
        return JidCreate.bareFromOrThrowUnchecked(user + "@" + DOMAIN);
    }

    static void chat(Device from, BareJid to, String body) throws Exception {
        XMPPTCPConnection c = from.connection();
        c.sendStanza(c.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat).setBody(body).build());
    }
}
