package im.tandem.feature.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import im.tandem.account.Account;
import im.tandem.account.AccountException;
import im.tandem.account.AccountService;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class RegistrationFeatureTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.7", 40000);

    private final AccountService accounts = mock(AccountService.class);

    private RegistrationFeature feature(boolean enabled, int maxPerAddress) {
        return new RegistrationFeature(accounts, new RegistrationProperties(enabled, maxPerAddress, Duration.ofHours(1)));
    }

    private static Stanza iq(String type, Element... children) {
        Element.Builder query = Element.builder("query", RegistrationFeature.NAMESPACE);
        for (Element c : children) {
            query.child(c);
        }
        return Stanza.of(Element.builder("iq", Stanza.CLIENT_NAMESPACE).attribute("type", type).attribute("id", "1")
                .child(query.build()).build());
    }

    private static Stanza register(String username, String password) {
        return iq("set", text("username", username), text("password", password));
    }

    private static Element text(String name, String value) {
        return Element.builder(name, RegistrationFeature.NAMESPACE).text(value).build();
    }

    private static String condition(Element reply) {
        Element error = reply.child("error", Stanza.CLIENT_NAMESPACE);
        return error == null ? null : error.elements().get(0).name();
    }

    @Test
    void disabledAdvertisesNothingAndIsUnavailable() {
        RegistrationFeature f = feature(false, 5);
        assertThat(f.preAuthStreamFeatures()).isEmpty();
        assertThat(condition(f.handle(iq("get"), CLIENT).block())).isEqualTo("service-unavailable");
        assertThat(condition(f.handle(register("eve", "long password"), CLIENT).block()))
                .isEqualTo("service-unavailable");
    }

    @Test
    void enabledOffersFormAndCreatesAccount() {
        RegistrationFeature f = feature(true, 5);
        assertThat(f.preAuthStreamFeatures()).extracting(Element::name).containsExactly("register");
        Element form = f.handle(iq("get"), CLIENT).block();
        assertThat(form.attribute("type")).isEqualTo("result");
        Element query = form.child("query", RegistrationFeature.NAMESPACE);
        assertThat(query.child("instructions", RegistrationFeature.NAMESPACE)).isNotNull();
        assertThat(query.child("username", RegistrationFeature.NAMESPACE)).isNotNull();
        when(accounts.create(eq("juliet"), eq("long password"), eq(false)))
                .thenReturn(Mono.just(new Account("juliet", false, false, false, Instant.now())));
        assertThat(f.handle(register("juliet", "long password"), CLIENT).block().attribute("type")).isEqualTo("result");
    }

    @Test
    void mapsAccountErrors() {
        RegistrationFeature f = feature(true, 5);
        when(accounts.create(eq("taken"), anyString(), anyBoolean())).thenReturn(
                Mono.error(new AccountException(AccountException.Reason.EXISTS, "exists")));
        when(accounts.create(eq("weak"), anyString(), anyBoolean())).thenReturn(
                Mono.error(new AccountException(AccountException.Reason.WEAK_PASSWORD, "weak")));
        assertThat(condition(f.handle(register("taken", "long password"), CLIENT).block())).isEqualTo("conflict");
        assertThat(condition(f.handle(register("weak", "x"), CLIENT).block())).isEqualTo("not-acceptable");
    }

    @Test
    void limitsRegistrationsPerAddress() {
        RegistrationFeature f = feature(true, 2);
        when(accounts.create(anyString(), anyString(), anyBoolean()))
                .thenAnswer(i -> Mono.just(new Account(i.getArgument(0), false, false, false, Instant.now())));
        assertThat(f.handle(register("a1", "long password"), CLIENT).block().attribute("type")).isEqualTo("result");
        assertThat(f.handle(register("a2", "long password"), CLIENT).block().attribute("type")).isEqualTo("result");
        assertThat(condition(f.handle(register("a3", "long password"), CLIENT).block()))
                .isEqualTo("resource-constraint");
        InetSocketAddress other = new InetSocketAddress("192.0.2.8", 40000);
        assertThat(f.handle(register("a4", "long password"), other).block().attribute("type")).isEqualTo("result");
    }
}
