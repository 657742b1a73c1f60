package im.tandem.feature.version;

import im.tandem.xml.Element;

/**
 * What a client said it runs, in its {@code jabber:iq:version} answer (XEP-0092). Every part
 * comes from the client and may be missing or made up; each is cut to {@link #MAX_LENGTH}
 * characters, so a client cannot park large strings on its session.
 *
 * @param name    the software's name, for example {@code Conversations}; null if not given
 * @param version its version; null if not given
 * @param os      the operating system, for example {@code Android 14} or {@code iPadOS 17.4}; null if not given
 */
public record ClientSoftware(String name, String version, String os) {

    /** The longest part kept, in characters. */
    public static final int MAX_LENGTH = 100;

    public ClientSoftware {
        name = clean(name);
        version = clean(version);
        os = clean(os);
    }

    /** The parts of a {@code <query xmlns='jabber:iq:version'/>} result. */
    public static ClientSoftware from(Element query) {
        return new ClientSoftware(query.childText("name", SoftwareVersionFeature.NAMESPACE),
                query.childText("version", SoftwareVersionFeature.NAMESPACE),
                query.childText("os", SoftwareVersionFeature.NAMESPACE));
    }

    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (trimmed.length() <= MAX_LENGTH) {
            return trimmed;
        }
        // never cut a surrogate pair in half
        int end = Character.isHighSurrogate(trimmed.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return trimmed.substring(0, end);
    }
}
