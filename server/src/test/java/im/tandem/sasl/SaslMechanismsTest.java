package im.tandem.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class SaslMechanismsTest {

    private final SaslMechanisms mechanisms = new SaslMechanisms();
    private final CredentialLookup lookup = name -> Mono.empty();
    private final ChannelBinding binding = new ChannelBinding(ChannelBinding.TLS_SERVER_END_POINT, new byte[32]);

    @Test
    void advertisesStrongestFirstAndPlainOnlyWhenProtected() {
        assertThat(mechanisms.advertised(true, false, true)).containsExactly("SCRAM-SHA-256-PLUS",
                "SCRAM-SHA-256", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-1", "PLAIN");
        assertThat(mechanisms.advertised(true, false, false)).containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
        assertThat(mechanisms.advertised(false, false, false)).containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1");
        assertThat(mechanisms.advertised(false, true, false)).containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
    }

    @Test
    void startsTheNamedMechanism() {
        assertThat(mechanisms.start("PLAIN", lookup, "example.com", null)).containsInstanceOf(PlainNegotiation.class);
        assertThat(mechanisms.start("SCRAM-SHA-1", lookup, "example.com", null)).containsInstanceOf(ScramNegotiation.class);
        assertThat(mechanisms.start("SCRAM-SHA-256", lookup, "example.com", binding)).isPresent();
        assertThat(mechanisms.start("SCRAM-SHA-256-PLUS", lookup, "example.com", binding)).isPresent();
    }

    @Test
    void refusesUnknownMechanismsAndPlusWithoutBinding() {
        assertThat(mechanisms.start("DIGEST-MD5", lookup, "example.com", null)).isEmpty();
        assertThat(mechanisms.start("scram-sha-1", lookup, "example.com", null)).isEmpty();
        assertThat(mechanisms.start("SCRAM-SHA-256-PLUS", lookup, "example.com", null)).isEmpty();
    }

    @Test
    void unknownUsersAreShownTheConfiguredIterationCount() {
        SaslNegotiation scram = new SaslMechanisms(10_000).start("SCRAM-SHA-256", lookup, "example.com", null).orElseThrow();
        assertThat(ScramNegotiationTest.text(ScramNegotiationTest.respond(scram, "n,,n=nobody,r=abc"))).endsWith(",i=10000");
    }
}
