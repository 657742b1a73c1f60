package im.tandem.feature.muc;

import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.xml.Element;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One room's state: configuration, affiliations, occupants, subject. Every use holds the room's
 * monitor ({@code synchronized (room)}), so a room handles one stanza at a time and what it sends
 * leaves in the order it decided it; nothing inside blocks.
 */
final class Room {

    final Jid jid;
    RoomConfig config;
    /** New rooms are locked until their owner configures them (XEP-0045 section 10.1). */
    boolean locked;
    boolean destroyed;
    final Map<Jid, Affiliation> affiliations = new LinkedHashMap<>();
    final Map<Jid, String> reasons = new HashMap<>();
    final Map<String, Occupant> occupants = new LinkedHashMap<>();
    final Map<Jid, Occupant> bySession = new HashMap<>();
    String subject = "";
    String subjectBy;
    final Instant createdAt;
    final OccupantIqRelay iqRelay = new OccupantIqRelay();
    /** Who invited whom (bounded): a decline goes to the recorded inviter only, so the room relays no spam. */
    final Map<Jid, Jid> invitations = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Jid, Jid> eldest) {
            return size() > 256;
        }
    };
    private final Consumer<Element> out;

    Room(Jid jid, RoomConfig config, Instant createdAt, Consumer<Element> out) {
        this.jid = jid;
        this.config = config;
        this.createdAt = createdAt;
        this.out = out;
    }

    Affiliation affiliation(Jid user) {
        return affiliations.getOrDefault(user.bare(), Affiliation.NONE);
    }

    void setAffiliation(Jid user, Affiliation affiliation, String reason) {
        Jid bare = user.bare();
        if (affiliation == Affiliation.NONE) {
            affiliations.remove(bare);
            reasons.remove(bare);
        } else {
            affiliations.put(bare, affiliation);
            if (reason == null || reason.isEmpty()) {
                reasons.remove(bare);
            } else {
                reasons.put(bare, reason);
            }
        }
    }

    List<Jid> withAffiliation(Affiliation affiliation) {
        List<Jid> result = new ArrayList<>();
        affiliations.forEach((user, a) -> {
            if (a == affiliation) {
                result.add(user);
            }
        });
        return result;
    }

    /** The role an occupant with {@code affiliation} gets by default. */
    Role defaultRole(Affiliation affiliation) {
        return switch (affiliation) {
            case OWNER, ADMIN -> Role.MODERATOR;
            case MEMBER -> Role.PARTICIPANT;
            case NONE -> config.moderated() ? Role.VISITOR : Role.PARTICIPANT;
            case OUTCAST -> Role.NONE;
        };
    }

    Jid occupantJid(String nick) {
        return jid.withResource(nick);
    }

    boolean isEmpty() {
        return occupants.isEmpty();
    }

    /** Whether {@code viewer} may see the real JIDs of occupants. */
    boolean showsJidsTo(Occupant viewer) {
        return config.whoisAnyone() || (viewer != null && viewer.role == Role.MODERATOR);
    }

    void send(Element stanza) {
        out.accept(stanza);
    }

    /** Sends {@code stanza} (without {@code to}) to every joined session of {@code occupant}. */
    void sendTo(Occupant occupant, Element stanza) {
        for (Jid session : occupant.sessions.keySet()) {
            out.accept(stanza.withAttribute("to", session.toString()));
        }
    }

    /** A message from the room itself to every occupant session. */
    void broadcastFromRoom(Element.Builder message) {
        Element m = message.attribute("from", jid.toString()).build();
        for (Occupant o : occupants.values()) {
            sendTo(o, m);
        }
    }

    /** A status-code notice from the room (XEP-0045 section 10.2.1 and 15.6). */
    void broadcastStatus(int... codes) {
        Element.Builder x = Element.builder("x", Muc.USER);
        for (int code : codes) {
            x.child(status(code));
        }
        broadcastFromRoom(Element.builder("message", Stanza.CLIENT_NAMESPACE).attribute("type", "groupchat")
                .attribute("id", java.util.UUID.randomUUID().toString()).child(x.build()));
    }

    static Element status(int code) {
        return Element.builder("status", Muc.USER).attribute("code", Integer.toString(code)).build();
    }

    /**
     * The presence of {@code subject} as {@code viewer} sees it, without {@code to}.
     *
     * @param detail extra children of the {@code <item/>} (actor, reason) and of {@code <x/>} after it
     */
    Element presenceOf(Occupant subject, Occupant viewer, String type, Presence detail) {
        Element.Builder item = Element.builder("item", Muc.USER)
                .attribute("affiliation", affiliation(subject.user).xml())
                .attribute("role", type == null ? subject.role.xml() : Role.NONE.xml());
        if (showsJidsTo(viewer) || subject == viewer) {
            item.attribute("jid", subject.sessions.isEmpty() ? subject.user.toString() : subject.primarySession().toString());
        }
        if (detail.newNick() != null) {
            item.attribute("nick", detail.newNick());
        }
        if (detail.actor() != null) {
            item.child(Element.builder("actor", Muc.USER).attribute("nick", detail.actor()).build());
        }
        if (detail.reason() != null && !detail.reason().isEmpty()) {
            item.textChild("reason", Muc.USER, detail.reason());
        }
        Element.Builder x = Element.builder("x", Muc.USER).child(item.build());
        for (int code : detail.codes()) {
            x.child(status(code));
        }
        if (subject == viewer) {
            x.child(status(Muc.SELF));
            for (int code : detail.selfCodes()) {
                x.child(status(code));
            }
        }
        if (detail.extra() != null) {
            x.child(detail.extra());
        }
        Element.Builder p = Element.builder("presence", Stanza.CLIENT_NAMESPACE)
                .attribute("from", occupantJid(subject.nick).toString());
        if (type != null) {
            p.attribute("type", type);
        } else if (!subject.sessions.isEmpty()) {
            for (Element child : subject.presence().elements()) {
                p.child(child);
            }
        }
        return p.child(x.build()).build();
    }

    /** Sends the presence of {@code subject} to every occupant (the subject's own sessions get the self form). */
    void broadcastPresence(Occupant subject, String type, Presence detail, String selfId) {
        for (Occupant viewer : new ArrayList<>(occupants.values())) {
            Element p = presenceOf(subject, viewer, type, detail);
            if (viewer == subject && selfId != null) {
                p = p.withAttribute("id", selfId);
            }
            sendTo(viewer, p);
        }
    }

    /**
     * What a presence notice says beside the occupant's item.
     *
     * @param codes     status codes for everyone
     * @param selfCodes status codes only for the occupant itself
     */
    record Presence(List<Integer> codes, List<Integer> selfCodes, String actor, String reason, String newNick,
                    Element extra) {
        static final Presence PLAIN = new Presence(List.of(), List.of(), null, null, null, null);

        static Presence codes(Integer... codes) {
            return new Presence(List.of(codes), List.of(), null, null, null, null);
        }
    }
}
