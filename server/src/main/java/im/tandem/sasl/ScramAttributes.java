package im.tandem.sasl;

/** Grammar helpers for the {@code letter=value} attributes of SCRAM messages (RFC 5802 section 7). */
final class ScramAttributes {

    private ScramAttributes() {
    }

    /** The value of an attribute that must carry the given name. */
    static String value(String attribute, char name) throws SaslRejection {
        if (attribute.length() < 2 || attribute.charAt(0) != name || attribute.charAt(1) != '=') {
            throw SaslRejection.malformed("expected attribute " + name + "=");
        }
        return attribute.substring(2);
    }

    /** Checks that extension attributes are well formed; their meaning is ignored, as allowed. */
    static void checkExtensions(String[] attributes, int from, int to) throws SaslRejection {
        for (int i = from; i < to; i++) {
            String attribute = attributes[i];
            if (attribute.length() < 2 || !isAsciiLetter(attribute.charAt(0)) || attribute.charAt(1) != '=') {
                throw SaslRejection.malformed("malformed attribute");
            }
        }
    }

    /** A nonce: one or more printable ASCII characters other than a comma. */
    static String nonce(String value) throws SaslRejection {
        if (value.isEmpty()) {
            throw SaslRejection.malformed("empty nonce");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') {
                throw SaslRejection.malformed("invalid nonce character");
            }
        }
        return value;
    }

    /** Decodes a saslname: {@code =2C} stands for a comma, {@code =3D} for an equals sign. */
    static String decodeSaslName(String value) throws SaslRejection {
        if (value.isEmpty()) {
            throw SaslRejection.malformed("empty name");
        }
        StringBuilder decoded = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw SaslRejection.malformed("NUL in name");
            }
            if (c != '=') {
                decoded.append(c);
            } else if (value.startsWith("2C", i + 1)) {
                decoded.append(',');
                i += 2;
            } else if (value.startsWith("3D", i + 1)) {
                decoded.append('=');
                i += 2;
            } else {
                throw SaslRejection.malformed("invalid escape in name");
            }
        }
        return decoded.toString();
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
