package im.tandem.component;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Component domains that would let a component speak for the server or another component are refused at start. */
class ComponentDomainsTest {

    private static ComponentProperties of(String... domains) {
        return new ComponentProperties("127.0.0.1", 0, Duration.ofSeconds(30), DataSize.ofKilobytes(256),
                DataSize.ofMegabytes(16), java.util.Arrays.stream(domains)
                .map(d -> new ComponentProperties.Definition(d, "a-long-secret", false)).toList());
    }

    @Test
    void subdomainsOfTheServerAreFine() {
        assertThatCode(() -> ExternalComponents.checkDomains(of("push.im.example.com", "gw.im.example.com"),
                "im.example.com")).doesNotThrowAnyException();
    }

    @Test
    void theServersDomainOrAParentOfItIsRefused() {
        assertThatThrownBy(() -> ExternalComponents.checkDomains(of("im.example.com"), "im.example.com"))
                .hasMessageContaining("server's own domain");
        assertThatThrownBy(() -> ExternalComponents.checkDomains(of("example.com"), "im.example.com"))
                .hasMessageContaining("server's own domain");
    }

    @Test
    void aParentOfAnotherComponentIsRefused() {
        assertThatThrownBy(() -> ExternalComponents.checkDomains(of("gw.example.com", "a.gw.example.com"), "example.org"))
                .hasMessageContaining("would cover a.gw.example.com");
    }

    @Test
    void shortSecretsAndDuplicatesAreRefused() {
        assertThatThrownBy(() -> new ComponentProperties.Definition("x.example.com", "short", false))
                .hasMessageContaining("12 characters");
        assertThatThrownBy(() -> of("x.example.com", "x.example.com")).hasMessageContaining("twice");
        assertThatCode(() -> of(List.of().toArray(String[]::new))).doesNotThrowAnyException();
    }
}
