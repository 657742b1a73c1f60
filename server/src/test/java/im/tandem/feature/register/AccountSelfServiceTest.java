package im.tandem.feature.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import im.tandem.account.AccountService;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionRegistry;
import im.tandem.session.StreamOutput;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StreamError;
import im.tandem.xml.Element;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class AccountSelfServiceTest {

    private static final String NS = RegistrationFeature.NAMESPACE;

    private final AccountService accounts = mock(AccountService.class);
    private final SessionRegistry sessions = new SessionRegistry();
    private final List<StreamError> closed = new ArrayList<>();
    private final ClientSession juliet = new ClientSession("s1", Jid.parse("juliet@localhost/balcony"),
            new StreamOutput() {
                @Override
                public void send(Element stanza) {
                }

                @Override
                public void close(StreamError error) {
                    closed.add(error);
                }

                @Override
                public boolean isOpen() {
                    return closed.isEmpty();
                }
            }, new InetSocketAddress("127.0.0.1", 1), true, Instant.now());

    private AccountSelfService service(boolean enabled) {
        sessions.register(juliet);
        return new AccountSelfService(accounts, sessions, new RegistrationProperties(enabled, 5, Duration.ofHours(1)));
    }

    private static Stanza set(Element... children) {
        Element.Builder query = Element.builder("query", NS);
        for (Element c : children) {
            query.child(c);
        }
        return Stanza.of(Element.builder("iq", Stanza.CLIENT_NAMESPACE).attribute("type", "set").attribute("id", "1")
                .attribute("from", "juliet@localhost/balcony").attribute("to", "localhost").child(query.build()).build());
    }

    private static Element text(String name, String value) {
        return Element.builder(name, NS).text(value).build();
    }

    @Test
    void changesOwnPassword() {
        when(accounts.changePassword("juliet", "new long password")).thenReturn(Mono.just(true));
        Element reply = service(true).handle(set(text("username", "juliet"), text("password", "new long password")),
                juliet).block();
        assertThat(reply.attribute("type")).isEqualTo("result");
        verify(accounts).changePassword("juliet", "new long password");
    }

    @Test
    void refusesToChangeSomeoneElsesPassword() {
        Element reply = service(true).handle(set(text("username", "romeo"), text("password", "new long password")),
                juliet).block();
        assertThat(reply.attribute("type")).isEqualTo("error");
        verify(accounts, never()).changePassword("romeo", "new long password");
    }

    @Test
    void removesOwnAccountAndEndsItsSessions() {
        when(accounts.delete("juliet")).thenReturn(Mono.just(true));
        Element reply = service(true).handle(set(Element.of("remove", NS)), juliet).block();
        assertThat(reply.attribute("type")).isEqualTo("result");
        assertThat(closed).hasSize(1);
    }

    @Test
    void unavailableWhenDisabled() {
        Element reply = service(false).handle(set(Element.of("remove", NS)), juliet).block();
        assertThat(reply.attribute("type")).isEqualTo("error");
        assertThat(reply.toString()).contains("service-unavailable");
        verify(accounts, never()).delete("juliet");
    }
}
