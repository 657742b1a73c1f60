package im.tandem.feature.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.store.XmlFragments;
import im.tandem.xml.Element;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node configuration forms, publish-options preconditions, pubsub error replies, the transient item budget. */
class NodeConfigTest {

    private static final long LIMIT = 50;

    @Test
    void submittedFieldsChangeTheConfigurationAndMaxMeansTheLimit() {
        NodeConfig config = NodeConfig.defaults(AccessModel.PRESENCE, 1).with(Map.of(
                NodeConfig.ACCESS_MODEL, List.of("whitelist"),
                NodeConfig.MAX_ITEMS, List.of("max"),
                NodeConfig.PERSIST_ITEMS, List.of("0"),
                "pubsub#unknown_option", List.of("whatever")), LIMIT);
        assertThat(config.accessModel()).isEqualTo(AccessModel.WHITELIST);
        assertThat(config.maxItems()).isEqualTo(LIMIT);
        assertThat(config.persistItems()).isFalse();
    }

    @Test
    void valuesTheServerCannotTakeAreRefused() {
        NodeConfig config = NodeConfig.defaults(AccessModel.PRESENCE, 1);
        assertThatThrownBy(() -> config.with(Map.of(NodeConfig.ACCESS_MODEL, List.of("authorize")), LIMIT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.with(Map.of(NodeConfig.MAX_ITEMS, List.of("51")), LIMIT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.with(Map.of(NodeConfig.MAX_ITEMS, List.of("0")), LIMIT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.with(Map.of(NodeConfig.PERSIST_ITEMS, List.of("maybe")), LIMIT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publishOptionsAreMetOnlyByTheSameConfiguration() {
        NodeConfig open = NodeConfig.defaults(AccessModel.OPEN, LIMIT);
        assertThat(open.satisfies(Map.of(NodeConfig.ACCESS_MODEL, List.of("open"), NodeConfig.MAX_ITEMS, List.of("max")),
                LIMIT)).isTrue();
        assertThat(open.satisfies(Map.of(NodeConfig.ACCESS_MODEL, List.of("presence")), LIMIT)).isFalse();
        assertThat(open.satisfies(Map.of(NodeConfig.MAX_ITEMS, List.of("10")), LIMIT)).isFalse();
        assertThat(open.satisfies(Map.of(NodeConfig.ACCESS_MODEL, List.of("bogus")), LIMIT)).isFalse();
    }

    @Test
    void aStoredConfigurationReadsBackAndALoweredLimitCapsIt() {
        NodeConfig config = NodeConfig.defaults(AccessModel.ROSTER, 40).with(Map.of(
                NodeConfig.ROSTER_GROUPS, List.of("Friends", "Family"), NodeConfig.TITLE, List.of("Mood")), LIMIT);
        Element stored = XmlFragments.parse(XmlFragments.serialize(config.toForm("submit")));
        assertThat(NodeConfig.fromStored(stored, LIMIT)).isEqualTo(config);
        assertThat(NodeConfig.fromStored(stored, 10).maxItems()).isEqualTo(10);
    }

    @Test
    void pubsubErrorsCarryTheApplicationConditionAndNotThePayload() {
        Stanza iq = Stanza.of(XmlFragments.parse("<iq xmlns='jabber:client' type='set' id='p1' from='a@x/r' to='a@x'>"
                + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='n'><item><big xmlns='urn:e'/></item>"
                + "</publish></pubsub></iq>"));
        Element reply = new PubsubException(StanzaError.Condition.CONFLICT, "precondition-not-met", "no").reply(iq);
        assertThat(reply.attribute("type")).isEqualTo("error");
        assertThat(reply.elements()).hasSize(1);
        Element error = reply.child("error", Stanza.CLIENT_NAMESPACE);
        assertThat(error.attribute("type")).isEqualTo("cancel");
        assertThat(error.child("conflict", StanzaError.NAMESPACE)).isNotNull();
        assertThat(error.child("precondition-not-met", Pubsub.ERRORS)).isNotNull();
        Element unsupported = PubsubException.unsupported("subscribe").reply(iq)
                .child("error", Stanza.CLIENT_NAMESPACE).child("unsupported", Pubsub.ERRORS);
        assertThat(unsupported.attribute("feature")).isEqualTo("subscribe");
    }

    @Test
    void transientItemsStayWithinTheirBudgetDroppingTheOldest() {
        TransientItems items = new TransientItems(2_000);
        String payload = "x".repeat(700);
        for (int i = 0; i < 5; i++) {
            items.put("s", "n" + i, new PubsubItem("i" + i, "a@x", null, Instant.now()), payload);
        }
        assertThat(items.get("s", "n0")).isNull();
        assertThat(items.get("s", "n4")).isNotNull();
        items.put("s", "huge", new PubsubItem("h", "a@x", null, Instant.now()), "y".repeat(5_000));
        assertThat(items.get("s", "huge")).isNull();
    }
}
