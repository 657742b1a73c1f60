package im.tandem.stanza;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * An XMPP address (RFC 7622): {@code localpart@domainpart/resourcepart}, with localpart and
 * domainpart case-folded so that equal addresses compare equal.
 *
 * <p>The full PRECIS profiles are approximated: NFKC plus lower case for localpart and
 * domainpart, NFC for the resourcepart, and the characters RFC 7622 forbids in a localpart
 * are rejected. That is enough to keep aliasing ("Alice" vs "alice") and injection
 * ({@code /}, {@code @}, {@code <}) out of routing.
 */
public record Jid(String local, String domain, String resource) {

    private static final int MAX_PART_BYTES = 1023;
    private static final String LOCAL_FORBIDDEN = "\"&'/:<>@";

    public Jid {
        if (domain == null || domain.isEmpty()) {
            throw new JidFormatException("domainpart is empty");
        }
    }

    /** Parses and normalizes; throws {@link JidFormatException} on an invalid address. */
    public static Jid parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new JidFormatException("empty address");
        }
        int slash = text.indexOf('/');
        String beforeResource = slash < 0 ? text : text.substring(0, slash);
        String resource = slash < 0 ? null : text.substring(slash + 1);
        int at = beforeResource.indexOf('@');
        String local = at < 0 ? null : beforeResource.substring(0, at);
        String domain = at < 0 ? beforeResource : beforeResource.substring(at + 1);
        return of(local, domain, resource);
    }

    public static Optional<Jid> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (JidFormatException e) {
            return Optional.empty();
        }
    }

    /** Builds an address from parts, normalizing and validating each. */
    public static Jid of(String local, String domain, String resource) {
        return new Jid(normalizeLocal(local), normalizeDomain(domain), normalizeResource(resource));
    }

    public static Jid domain(String domain) {
        return of(null, domain, null);
    }

    public static String normalizeLocal(String local) {
        if (local == null) {
            return null;
        }
        String n = Normalizer.normalize(local, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        checkLength(n, "localpart");
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (LOCAL_FORBIDDEN.indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new JidFormatException("character '" + c + "' is not allowed in a localpart");
            }
        }
        return n;
    }

    private static String normalizeDomain(String domain) {
        if (domain == null) {
            throw new JidFormatException("domainpart is missing");
        }
        String n = Normalizer.normalize(domain, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        checkLength(n, "domainpart");
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || "@/<>\"'&".indexOf(c) >= 0) {
                throw new JidFormatException("character '" + c + "' is not allowed in a domainpart");
            }
        }
        return n;
    }

    private static String normalizeResource(String resource) {
        if (resource == null) {
            return null;
        }
        String n = Normalizer.normalize(resource, Normalizer.Form.NFC);
        checkLength(n, "resourcepart");
        for (int i = 0; i < n.length(); i++) {
            if (Character.isISOControl(n.charAt(i))) {
                throw new JidFormatException("control characters are not allowed in a resourcepart");
            }
        }
        return n;
    }

    private static void checkLength(String part, String what) {
        if (part.isEmpty()) {
            throw new JidFormatException(what + " is empty");
        }
        if (part.getBytes(StandardCharsets.UTF_8).length > MAX_PART_BYTES) {
            throw new JidFormatException(what + " is longer than " + MAX_PART_BYTES + " bytes");
        }
    }

    public boolean isFull() {
        return resource != null;
    }

    public boolean isBare() {
        return resource == null;
    }

    public boolean isDomain() {
        return local == null && resource == null;
    }

    public Jid bare() {
        return resource == null ? this : new Jid(local, domain, null);
    }

    public Jid withResource(String newResource) {
        return new Jid(local, domain, normalizeResource(newResource));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (local != null) {
            sb.append(local).append('@');
        }
        sb.append(domain);
        if (resource != null) {
            sb.append('/').append(resource);
        }
        return sb.toString();
    }
}
