package im.tandem.feature.register;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.support.RawXmppClient;
import im.tandem.support.TandemServerTest;
import org.junit.jupiter.api.Test;

class RegistrationDisabledIT extends TandemServerTest {

    @Test
    void registrationIsOffByDefault() throws Exception {
        try (RawXmppClient client = raw()) {
            client.openStream(DOMAIN);
            client.await("</stream:features>");
            client.startTls(serverCertificate());
            client.openStream(DOMAIN);
            String features = client.await("</stream:features>");
            assertThat(features).doesNotContain("iq-register");
            client.send("<iq type='get' id='r1'><query xmlns='jabber:iq:register'/></iq>");
            String reply = client.await("</iq>");
            assertThat(reply).contains("type=\"error\"").contains("service-unavailable");
            client.send("<iq type='set' id='r2'><query xmlns='jabber:iq:register'><username>mallory</username>"
                    + "<password>long enough password</password></query></iq>");
            assertThat(client.await("</iq>")).contains("service-unavailable");
        }
        assertThat(accounts.account("mallory").blockOptional()).isEmpty();
    }
}
