package im.tandem.feature.adhoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.store.AuditLog;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.beans.factory.annotation.Autowired;

class AdhocAdminIT extends TandemServerTest {

    private static final String ADD_USER = "http://jabber.org/protocol/admin#add-user";
    private static final String ONLINE_USERS = "http://jabber.org/protocol/admin#get-online-users-list";
    private static final String ANNOUNCE = "http://jabber.org/protocol/admin#announce";

    @Autowired
    AuditLog auditLog;

    @Test
    void adminListsCommandsAndAddsUserWhoCanLogIn() throws Exception {
        DomainBareJid server = JidCreate.domainBareFrom(DOMAIN);
        try (XmppClients xmpp = clients()) {
            XMPPTCPConnection admin = xmpp.login("admin", ADMIN_PASSWORD, "console");
            assertThat(ServiceDiscoveryManager.getInstanceFor(admin).serverSupportsFeature(AdHocCommandManager.NAMESPACE))
                    .isTrue();
            DiscoverItems items = AdHocCommandManager.getAddHocCommandsManager(admin).discoverCommands(server);
            assertThat(items.getItems()).extracting(DiscoverItems.Item::getNode).contains(ADD_USER, ONLINE_USERS,
                    ANNOUNCE, "http://jabber.org/protocol/admin#delete-user",
                    "http://jabber.org/protocol/admin#change-user-password");

            String name = newUsername("adhoc");
            RemoteCommand add = AdHocCommandManager.getAddHocCommandsManager(admin).getRemoteCommand(server, ADD_USER);
            add.execute();
            assertThat(add.getForm().getField("accountjid")).isNotNull();
            FillableForm form = new FillableForm(add.getForm());
            form.setAnswer("accountjid", name + "@" + DOMAIN);
            form.setAnswer("password", PASSWORD);
            form.setAnswer("password-verify", PASSWORD);
            add.complete(form);
            assertThat(add.isCompleted()).isTrue();

            assertThat(xmpp.login(name, PASSWORD, "new").isAuthenticated()).isTrue();
            assertThat(auditLog.recent(100).collectList().block()).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("user.create");
                assertThat(e.target()).isEqualTo(name);
                assertThat(e.source()).startsWith("xmpp:admin@");
            });
        }
    }

    @Test
    void nonAdminSeesNoCommandsAndIsForbidden() throws Exception {
        DomainBareJid server = JidCreate.domainBareFrom(DOMAIN);
        String name = createUser("nosy");
        try (XmppClients xmpp = clients()) {
            XMPPTCPConnection user = xmpp.login(name, PASSWORD, "r");
            AdHocCommandManager commands = AdHocCommandManager.getAddHocCommandsManager(user);
            assertThat(commands.discoverCommands(server).getItems()).isEmpty();
            RemoteCommand add = commands.getRemoteCommand(server, ADD_USER);
            assertThatThrownBy(add::execute).isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                    e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        }
    }

    @Test
    void onlineUsersAndAnnouncement() throws Exception {
        DomainBareJid server = JidCreate.domainBareFrom(DOMAIN);
        String name = createUser("listener");
        try (XmppClients xmpp = clients()) {
            XMPPTCPConnection listener = xmpp.login(name, PASSWORD, "ear");
            XMPPTCPConnection admin = xmpp.login("admin", ADMIN_PASSWORD, "ops");
            AdHocCommandManager commands = AdHocCommandManager.getAddHocCommandsManager(admin);

            RemoteCommand online = commands.getRemoteCommand(server, ONLINE_USERS);
            online.execute();
            online.complete(new FillableForm(online.getForm()));
            assertThat(online.isCompleted()).isTrue();
            List<String> jids = online.getForm().getField("onlineuserjids").getValues().stream()
                    .map(CharSequence::toString).toList();
            assertThat(jids).contains(name + "@" + DOMAIN, "admin@" + DOMAIN);

            StanzaCollector collector = listener.createStanzaCollector(new AndFilter(
                    StanzaTypeFilter.MESSAGE, FromMatchesFilter.createBare(server)));
            RemoteCommand announce = commands.getRemoteCommand(server, ANNOUNCE);
            announce.execute();
            FillableForm form = new FillableForm(announce.getForm());
            form.setAnswer("subject", "Maintenance");
            form.setAnswer("announcement", List.of("Down at noon", "for an hour"));
            announce.complete(form);
            Message message = collector.nextResult(10_000);
            collector.cancel();
            assertThat(message).isNotNull();
            assertThat(message.getSubject()).isEqualTo("Maintenance");
            assertThat(message.getBody()).isEqualTo("Down at noon\nfor an hour");
        }
    }
}
