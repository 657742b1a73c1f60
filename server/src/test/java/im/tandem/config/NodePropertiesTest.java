package im.tandem.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodePropertiesTest {

    @Test
    void configuredNamesAreKeptWithoutSurroundingSpace() {
        NodeProperties node = new NodeProperties(" im-node-7 ", " east ");
        assertThat(node.name()).isEqualTo("im-node-7");
        assertThat(node.redundancyGroup()).isEqualTo("east");
    }

    @Test
    void withoutANameTheNodeIsCalledAfterItsHostAndTheGroupIsTheFirstSubCluster() {
        NodeProperties node = new NodeProperties(null, null);
        String hostname = System.getenv("HOSTNAME");
        if (hostname != null && !hostname.isBlank()) {
            assertThat(node.name()).isEqualTo(hostname.strip());
        } else {
            assertThat(node.name()).isNotBlank();
        }
        assertThat(new NodeProperties("  ", "").name()).isEqualTo(node.name());
        assertThat(node.redundancyGroup()).isEqualTo("subcluster-1");
    }
}
