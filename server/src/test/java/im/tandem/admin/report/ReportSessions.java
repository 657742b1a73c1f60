package im.tandem.admin.report;

import im.tandem.feature.DiscoIdentity;
import im.tandem.feature.caps.ClientCapabilities;
import im.tandem.feature.caps.ClientCapsTracker;
import im.tandem.feature.version.ClientSoftware;
import im.tandem.feature.version.ClientSoftwareTracker;
import im.tandem.session.ClientSession;
import im.tandem.session.StreamOutput;
import im.tandem.stanza.Jid;
import im.tandem.stanza.StreamError;
import im.tandem.xml.Element;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Client sessions made directly, with caps and software version on them, for the report's unit tests. */
final class ReportSessions {


    private ReportSessions() {
    }

    static ClientSession session(String fullJid, Instant since) {
        return new ClientSession("s-" + fullJid, Jid.parse(fullJid), im.tandem.support.OpenOutput.INSTANCE, new InetSocketAddress("10.0.0.1", 5000),
                true, since);
    }

    static ClientSession device(String fullJid, Instant since, String identityType, String os) {
        ClientSession s = session(fullJid, since);
        if (identityType != null) {
            s.put(ClientCapsTracker.CAPABILITIES, new ClientCapabilities("https://example.org/app",
                    List.of(new DiscoIdentity("client", identityType, "App")), Set.of()));
        }
        if (os != null) {
            s.put(ClientSoftwareTracker.SOFTWARE, new ClientSoftware("App", "1.0", os));
        }
        return s;
    }
}
