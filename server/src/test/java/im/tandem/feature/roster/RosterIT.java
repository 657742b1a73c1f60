package im.tandem.feature.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.EmptyResultIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Roster management (RFC 6121 section 2) and roster versioning (2.6) over the wire. */
class RosterIT extends TandemServerTest {

    private XmppClients clients;
    private XMPPTCPConnection connection;
    private String user;

    @BeforeEach
    void login() throws Exception {
        clients = clients();
        user = createUser("roster");
        connection = clients.login(user, PASSWORD, "desk");
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    void advertisesVersioningAndPreApproval() {
        assertTrue(connection.hasFeature("ver", RosterItems.VERSIONING));
        assertTrue(connection.hasFeature("sub", RosterItems.PRE_APPROVAL));
    }

    @Test
    void unchangedVersionGetsAnEmptyResultAndAChangeANewVersion() throws Exception {
        RosterPacket first = (RosterPacket) connection.sendIqRequestAndWaitForResponse(query("get", " ver=''", ""));
        String ver = first.getVersion();
        assertNotNull(ver);

        IQ unchanged = connection.sendIqRequestAndWaitForResponse(query("get", " ver='" + ver + "'", ""));
        assertInstanceOf(EmptyResultIQ.class, unchanged);

        connection.sendIqRequestAndWaitForResponse(query("set", "", "<item jid='someone@" + DOMAIN + "' name='S'/>"));
        RosterPacket changed = (RosterPacket) connection.sendIqRequestAndWaitForResponse(query("get", " ver='" + ver + "'", ""));
        assertTrue(Long.parseLong(changed.getVersion()) > Long.parseLong(ver));
        assertEquals(1, changed.getRosterItemCount());
        assertEquals("S", changed.getRosterItems().get(0).getName());
    }

    @Test
    void setWithTwoItemsIsABadRequest() {
        assertError(Condition.bad_request, "<item jid='a@" + DOMAIN + "'/><item jid='b@" + DOMAIN + "'/>");
    }

    @Test
    void setWithADuplicateGroupIsABadRequest() {
        assertError(Condition.bad_request, "<item jid='a@" + DOMAIN + "'><group>x</group><group>x</group></item>");
    }

    @Test
    void setWithAnEmptyGroupIsNotAcceptable() {
        assertError(Condition.not_acceptable, "<item jid='a@" + DOMAIN + "'><group></group></item>");
    }

    @Test
    void setWithATooLongNameIsNotAcceptable() {
        assertError(Condition.not_acceptable, "<item jid='a@" + DOMAIN + "' name='" + "n".repeat(1024) + "'/>");
    }

    @Test
    void ownAddressCannotBeAContact() {
        assertError(Condition.not_allowed, "<item jid='" + user + "@" + DOMAIN + "'/>");
    }

    @Test
    void removingAnUnknownItemIsItemNotFound() {
        assertError(Condition.item_not_found, "<item jid='nobody@" + DOMAIN + "' subscription='remove'/>");
    }

    private void assertError(Condition condition, String items) {
        XMPPErrorException e = assertThrows(XMPPErrorException.class,
                () -> connection.sendIqRequestAndWaitForResponse(query("set", "", items)));
        assertEquals(condition, e.getStanzaError().getCondition());
    }

    private static IQ query(String type, String attributes, String content) {
        IQ iq = new IQ("query", RosterItems.NAMESPACE) {
            @Override
            protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
                xml.append(attributes).rightAngleBracket().append(content);
                return xml;
            }
        };
        iq.setType(IQ.Type.fromString(type));
        return iq;
    }
}
