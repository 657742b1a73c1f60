package im.tandem.feature.version;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.xml.Element;
import org.junit.jupiter.api.Test;

class ClientSoftwareTest {

    private static final String NS = SoftwareVersionFeature.NAMESPACE;

    @Test
    void readsNameVersionAndOsOfAnAnswer() {
        Element query = Element.builder("query", NS).textChild("name", NS, " Conversations ")
                .textChild("version", NS, "2.13.4").textChild("os", NS, "Android 14").build();
        assertThat(ClientSoftware.from(query)).isEqualTo(new ClientSoftware("Conversations", "2.13.4", "Android 14"));
    }

    @Test
    void missingAndBlankPartsAreNull() {
        Element query = Element.builder("query", NS).textChild("name", NS, "  ").build();
        assertThat(ClientSoftware.from(query)).isEqualTo(new ClientSoftware(null, null, null));
    }

    @Test
    void longPartsAreCutWithoutSplittingACharacter() {
        String os = "a".repeat(ClientSoftware.MAX_LENGTH - 1) + "\uD83D\uDCF1" + "tail";
        ClientSoftware software = new ClientSoftware("x".repeat(5000), null, os);
        assertThat(software.name()).hasSize(ClientSoftware.MAX_LENGTH);
        assertThat(software.os()).isEqualTo("a".repeat(ClientSoftware.MAX_LENGTH - 1));
    }
}
