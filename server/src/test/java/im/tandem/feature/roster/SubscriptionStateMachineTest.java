package im.tandem.feature.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.tandem.feature.roster.SubscriptionStateMachine.Outcome;
import im.tandem.feature.roster.SubscriptionStateMachine.State;
import im.tandem.feature.roster.SubscriptionStateMachine.Type;
import im.tandem.store.RosterItemRow.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tables of RFC 6121 Appendix A, row by row. "=" means no state change. */
class SubscriptionStateMachineTest {

    @ParameterizedTest(name = "outbound {1} in {0} -> {2}, routed {3}")
    @CsvSource({
            // A.2.1 outbound subscribe: always routed
            "None,        SUBSCRIBE, None+PO,    true",
            "None+PO,     SUBSCRIBE, =,          true",
            "None+PI,     SUBSCRIBE, None+PO/PI, true",
            "None+PO/PI,  SUBSCRIBE, =,          true",
            "To,          SUBSCRIBE, =,          true",
            "To+PI,       SUBSCRIBE, =,          true",
            "From,        SUBSCRIBE, From+PO,    true",
            "From+PO,     SUBSCRIBE, =,          true",
            "Both,        SUBSCRIBE, =,          true",
            // A.2.2 outbound unsubscribe: always routed
            "None,        UNSUBSCRIBE, =,        true",
            "None+PO,     UNSUBSCRIBE, None,     true",
            "None+PI,     UNSUBSCRIBE, =,        true",
            "None+PO/PI,  UNSUBSCRIBE, None+PI,  true",
            "To,          UNSUBSCRIBE, None,     true",
            "To+PI,       UNSUBSCRIBE, None+PI,  true",
            "From,        UNSUBSCRIBE, =,        true",
            "From+PO,     UNSUBSCRIBE, From,     true",
            "Both,        UNSUBSCRIBE, From,     true",
            // A.2.3 outbound subscribed: routed only on a state change; otherwise a pre-approval (3.4)
            "None,        SUBSCRIBED, None+A,    false",
            "None+PO,     SUBSCRIBED, None+PO+A, false",
            "None+PI,     SUBSCRIBED, From,      true",
            "None+PO/PI,  SUBSCRIBED, From+PO,   true",
            "To,          SUBSCRIBED, To+A,      false",
            "To+PI,       SUBSCRIBED, Both,      true",
            "From,        SUBSCRIBED, =,         false",
            "From+PO,     SUBSCRIBED, =,         false",
            "Both,        SUBSCRIBED, =,         false",
            // A.2.4 outbound unsubscribed: routed only on a state change
            "None,        UNSUBSCRIBED, =,       false",
            "None+PO,     UNSUBSCRIBED, =,       false",
            "None+PI,     UNSUBSCRIBED, None,    true",
            "None+PO/PI,  UNSUBSCRIBED, None+PO, true",
            "To,          UNSUBSCRIBED, =,       false",
            "To+PI,       UNSUBSCRIBED, To,      true",
            "From,        UNSUBSCRIBED, None,    true",
            "From+PO,     UNSUBSCRIBED, None+PO, true",
            "Both,        UNSUBSCRIBED, To,      true",
    })
    void outboundFollowsAppendixA2(String before, Type type, String after, boolean routed) {
        Outcome outcome = SubscriptionStateMachine.outbound(state(before), type);
        assertEquals("=".equals(after) ? state(before) : state(after), outcome.state());
        assertEquals(routed, outcome.forward());
        assertFalse(outcome.autoSubscribed());
    }

    @ParameterizedTest(name = "inbound {1} in {0} -> {2}, delivered {3}, auto-subscribed {4}")
    @CsvSource({
            // A.3.1 inbound subscribe
            "None,        SUBSCRIBE, None+PI,    true,  false",
            "None+PO,     SUBSCRIBE, None+PO/PI, true,  false",
            "None+PI,     SUBSCRIBE, =,          false, false",
            "None+PO/PI,  SUBSCRIBE, =,          false, false",
            "To,          SUBSCRIBE, To+PI,      true,  false",
            "To+PI,       SUBSCRIBE, =,          false, false",
            "From,        SUBSCRIBE, =,          false, true",
            "From+PO,     SUBSCRIBE, =,          false, true",
            "Both,        SUBSCRIBE, =,          false, true",
            // A.3.2 inbound unsubscribe
            "None,        UNSUBSCRIBE, =,        false, false",
            "None+PO,     UNSUBSCRIBE, =,        false, false",
            "None+PI,     UNSUBSCRIBE, None,     true,  false",
            "None+PO/PI,  UNSUBSCRIBE, None+PO,  true,  false",
            "To,          UNSUBSCRIBE, =,        false, false",
            "To+PI,       UNSUBSCRIBE, To,       true,  false",
            "From,        UNSUBSCRIBE, None,     true,  false",
            "From+PO,     UNSUBSCRIBE, None+PO,  true,  false",
            "Both,        UNSUBSCRIBE, To,       true,  false",
            // A.3.3 inbound subscribed
            "None,        SUBSCRIBED, =,         false, false",
            "None+PO,     SUBSCRIBED, To,        true,  false",
            "None+PI,     SUBSCRIBED, =,         false, false",
            "None+PO/PI,  SUBSCRIBED, To+PI,     true,  false",
            "To,          SUBSCRIBED, =,         false, false",
            "To+PI,       SUBSCRIBED, =,         false, false",
            "From,        SUBSCRIBED, =,         false, false",
            "From+PO,     SUBSCRIBED, Both,      true,  false",
            "Both,        SUBSCRIBED, =,         false, false",
            // A.3.4 inbound unsubscribed
            "None,        UNSUBSCRIBED, =,       false, false",
            "None+PO,     UNSUBSCRIBED, None,    true,  false",
            "None+PI,     UNSUBSCRIBED, =,       false, false",
            "None+PO/PI,  UNSUBSCRIBED, None+PI, true,  false",
            "To,          UNSUBSCRIBED, None,    true,  false",
            "To+PI,       UNSUBSCRIBED, None+PI, true,  false",
            "From,        UNSUBSCRIBED, =,       false, false",
            "From+PO,     UNSUBSCRIBED, From,    true,  false",
            "Both,        UNSUBSCRIBED, From,    true,  false",
    })
    void inboundFollowsAppendixA3(String before, Type type, String after, boolean delivered, boolean auto) {
        Outcome outcome = SubscriptionStateMachine.inbound(state(before), type);
        assertEquals("=".equals(after) ? state(before) : state(after), outcome.state());
        assertEquals(delivered, outcome.forward());
        assertEquals(auto, outcome.autoSubscribed());
    }

    @ParameterizedTest(name = "pre-approved {0} accepts a request as {1}")
    @CsvSource({"None+A, From", "None+PO+A, From+PO", "To+A, Both"})
    void preApprovedRequestIsAnsweredByTheServer(String before, String after) {
        Outcome outcome = SubscriptionStateMachine.inbound(state(before), Type.SUBSCRIBE);
        assertEquals(state(after), outcome.state());
        assertFalse(outcome.forward());
        assertTrue(outcome.autoSubscribed());
    }

    @Test
    void unsubscribedCancelsAPreApproval() {
        Outcome outcome = SubscriptionStateMachine.outbound(state("None+A"), Type.UNSUBSCRIBED);
        assertEquals(state("None"), outcome.state());
        assertFalse(outcome.forward());
    }

    /** "None", "From+PO", "None+PO/PI", "To+A": subscription, pending out/in, approved. */
    private static State state(String text) {
        String[] parts = text.split("\\+");
        Subscription subscription = Subscription.ofCode(parts[0]);
        boolean out = false;
        boolean in = false;
        boolean approved = false;
        for (int i = 1; i < parts.length; i++) {
            switch (parts[i]) {
                case "PO" -> out = true;
                case "PI" -> in = true;
                case "PO/PI" -> {
                    out = true;
                    in = true;
                }
                case "A" -> approved = true;
                default -> throw new IllegalArgumentException(text);
            }
        }
        return new State(subscription, out, in, approved);
    }
}
