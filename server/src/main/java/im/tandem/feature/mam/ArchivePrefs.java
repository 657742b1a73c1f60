package im.tandem.feature.mam;

import im.tandem.stanza.Jid;
import im.tandem.xml.Element;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A user's archiving preferences, XEP-0313 section 6: a default mode and JIDs always or never
 * archived. A JID in a list matches itself and, if bare, every resource of it; never wins over
 * always when a JID is in both lists.
 */
public record ArchivePrefs(Mode defaultMode, Map<String, Rule> rules) {

    /** The {@code default} attribute. */
    public enum Mode {
        ALWAYS, NEVER, ROSTER;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Mode parse(String value) {
            for (Mode m : values()) {
                if (m.value().equals(value)) {
                    return m;
                }
            }
            return null;
        }
    }

    /** The list a JID is in. */
    public enum Rule {
        ALWAYS, NEVER;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A {@code <prefs/>} element is not acceptable. */
    public static final class InvalidPrefs extends Exception {
        InvalidPrefs(String message) {
            super(message, null, false, false);
        }
    }

    public ArchivePrefs {
        rules = Map.copyOf(rules);
    }

    public static ArchivePrefs defaults(Mode mode) {
        return new ArchivePrefs(mode, Map.of());
    }

    /** The rule for {@code contact}: its full JID's, else its bare JID's; null when in neither list. */
    public Rule ruleFor(Jid contact) {
        Rule full = contact.isFull() ? rules.get(contact.toString()) : null;
        return full != null ? full : rules.get(contact.bare().toString());
    }

    /** Parses a {@code <prefs/>} of a set request, with at most {@code maxJids} JIDs. */
    public static ArchivePrefs parse(Element prefs, int maxJids) throws InvalidPrefs {
        Mode mode = Mode.parse(prefs.attribute("default"));
        if (mode == null) {
            throw new InvalidPrefs("default must be always, never or roster");
        }
        Map<String, Rule> rules = new LinkedHashMap<>();
        read(prefs.child("always", MamFeature.NAMESPACE), Rule.ALWAYS, rules, maxJids);
        read(prefs.child("never", MamFeature.NAMESPACE), Rule.NEVER, rules, maxJids);
        return new ArchivePrefs(mode, rules);
    }

    private static void read(Element list, Rule rule, Map<String, Rule> rules, int maxJids) throws InvalidPrefs {
        if (list == null) {
            return;
        }
        for (Element jid : list.children("jid", MamFeature.NAMESPACE)) {
            String text = jid.text() == null ? "" : jid.text().strip();
            try {
                String normalized = Jid.parse(text).toString();
                if (rules.put(normalized, rule) == null && rules.size() > maxJids) {
                    throw new InvalidPrefs("at most " + maxJids + " JIDs in the always and never lists");
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidPrefs("not a JID: " + (text.length() > 64 ? text.substring(0, 64) : text));
            }
        }
    }

    /** The {@code <prefs/>} element of a result. */
    public Element toElement() {
        Element.Builder always = Element.builder("always", MamFeature.NAMESPACE);
        Element.Builder never = Element.builder("never", MamFeature.NAMESPACE);
        rules.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                (e.getValue() == Rule.ALWAYS ? always : never).textChild("jid", MamFeature.NAMESPACE, e.getKey()));
        return Element.builder("prefs", MamFeature.NAMESPACE)
                .attribute("default", defaultMode.value())
                .child(always.build())
                .child(never.build())
                .build();
    }
}
