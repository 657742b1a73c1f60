package im.tandem.feature.roster;

import im.tandem.store.RosterItemRow.Subscription;

/**
 * The subscription state transitions of RFC 6121 Appendix A, as pure functions. The state is
 * the one of the roster item that the processing server holds: for outbound stanzas the
 * sender's item for the addressee (A.2), for inbound ones the addressee's item for the
 * sender (A.3).
 */
public final class SubscriptionStateMachine {

    /** The four subscription presence types. */
    public enum Type {
        SUBSCRIBE, SUBSCRIBED, UNSUBSCRIBE, UNSUBSCRIBED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The type for a presence {@code type} attribute, or null when it is no subscription type. */
        public static Type ofCode(String code) {
            return switch (code) {
                case "subscribe" -> SUBSCRIBE;
                case "subscribed" -> SUBSCRIBED;
                case "unsubscribe" -> UNSUBSCRIBE;
                case "unsubscribed" -> UNSUBSCRIBED;
                default -> null;
            };
        }
    }

    /**
     * One side's view of a subscription.
     *
     * @param subscription none, to, from or both
     * @param pendingOut   the owner asked to subscribe to the contact ("Pending Out")
     * @param pendingIn    the contact asked to subscribe to the owner ("Pending In")
     * @param approved     the owner pre-approved a request from the contact (3.4)
     */
    public record State(Subscription subscription, boolean pendingOut, boolean pendingIn, boolean approved) {

        public static final State NONE = new State(Subscription.NONE, false, false, false);

        public boolean hasTo() {
            return subscription == Subscription.TO || subscription == Subscription.BOTH;
        }

        public boolean hasFrom() {
            return subscription == Subscription.FROM || subscription == Subscription.BOTH;
        }

        State with(Subscription s) {
            return new State(s, pendingOut, pendingIn, approved);
        }

        State pendingOut(boolean value) {
            return new State(subscription, value, pendingIn, approved);
        }

        State pendingIn(boolean value) {
            return new State(subscription, pendingOut, value, approved);
        }

        State approved(boolean value) {
            return new State(subscription, pendingOut, pendingIn, value);
        }
    }

    /**
     * What to do with a stanza.
     *
     * @param state         the new state (equal to the old one when nothing changes)
     * @param forward       outbound: route it to the contact; inbound: deliver it to the owner
     * @param autoSubscribed inbound subscribe only: the server answers {@code subscribed} for the owner
     */
    public record Outcome(State state, boolean forward, boolean autoSubscribed) {
    }

    private SubscriptionStateMachine() {
    }

    /** The user's server processing a subscription stanza its user sends (A.2). */
    public static Outcome outbound(State s, Type type) {
        return switch (type) {
            // A.2.1: always routed; pending out unless already subscribed
            case SUBSCRIBE -> new Outcome(s.hasTo() ? s : s.pendingOut(true), true, false);
            // A.2.2: always routed
            case UNSUBSCRIBE -> new Outcome(s.with(withoutTo(s.subscription())).pendingOut(false), true, false);
            case SUBSCRIBED -> {
                if (s.pendingIn()) {
                    yield new Outcome(s.with(withFrom(s.subscription())).pendingIn(false).approved(false), true, false);
                }
                // A.2.3 "no state change" rows; 3.4: without a pending request this is a pre-approval
                yield new Outcome(s.hasFrom() ? s : s.approved(true), false, false);
            }
            case UNSUBSCRIBED -> {
                if (s.pendingIn()) {
                    yield new Outcome(s.pendingIn(false).approved(false), true, false);
                }
                if (s.hasFrom()) {
                    yield new Outcome(s.with(withoutFrom(s.subscription())).approved(false), true, false);
                }
                // 3.4: cancels a pre-approval, if any
                yield new Outcome(s.approved(false), false, false);
            }
        };
    }

    /** The contact's server processing a subscription stanza addressed to its user (A.3). */
    public static Outcome inbound(State s, Type type) {
        return switch (type) {
            case SUBSCRIBE -> {
                if (s.hasFrom()) {
                    yield new Outcome(s, false, true);
                }
                if (s.pendingIn()) {
                    yield new Outcome(s, false, false);
                }
                if (s.approved()) {
                    yield new Outcome(s.with(withFrom(s.subscription())).approved(false), false, true);
                }
                yield new Outcome(s.pendingIn(true), true, false);
            }
            case UNSUBSCRIBE -> {
                if (s.pendingIn()) {
                    yield new Outcome(s.pendingIn(false), true, false);
                }
                if (s.hasFrom()) {
                    yield new Outcome(s.with(withoutFrom(s.subscription())), true, false);
                }
                yield new Outcome(s, false, false);
            }
            case SUBSCRIBED -> s.pendingOut()
                    ? new Outcome(s.with(withTo(s.subscription())).pendingOut(false), true, false)
                    : new Outcome(s, false, false);
            case UNSUBSCRIBED -> s.pendingOut() || s.hasTo()
                    ? new Outcome(s.with(withoutTo(s.subscription())).pendingOut(false), true, false)
                    : new Outcome(s, false, false);
        };
    }

    static Subscription withTo(Subscription s) {
        return s == Subscription.FROM || s == Subscription.BOTH ? Subscription.BOTH : Subscription.TO;
    }

    static Subscription withoutTo(Subscription s) {
        return s == Subscription.FROM || s == Subscription.BOTH ? Subscription.FROM : Subscription.NONE;
    }

    static Subscription withFrom(Subscription s) {
        return s == Subscription.TO || s == Subscription.BOTH ? Subscription.BOTH : Subscription.FROM;
    }

    static Subscription withoutFrom(Subscription s) {
        return s == Subscription.TO || s == Subscription.BOTH ? Subscription.TO : Subscription.NONE;
    }
}
