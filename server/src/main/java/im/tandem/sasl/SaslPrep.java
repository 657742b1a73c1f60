package im.tandem.sasl;

import java.text.Normalizer;

/**
 * Prepares passwords before hashing, approximating SASLprep (RFC 4013) and its successor the
 * PRECIS OpaqueString profile (RFC 8265), which SCRAM's {@code Normalize()} refers to.
 *
 * <p>What is done: characters RFC 3454 table B.1 maps to nothing (soft hyphen, zero-width
 * joiners, variation selectors, ...) are dropped; non-ASCII space separators become U+0020;
 * the result is NFKC-normalized as in SASLprep; control characters, unpaired surrogates and
 * non-characters are rejected, as is an empty result.
 *
 * <p>What is not done: the bidirectional-text rule and the unassigned-code-point check of
 * RFC 3454, and OpaqueString's choice of NFC over NFKC. For the ASCII passwords nearly every
 * client sends, all these variants agree; for the rest the differences only bite on rare
 * compatibility characters, and both the stored credentials and every later check go through
 * this same function.
 */
final class SaslPrep {

    private SaslPrep() {
    }

    /**
     * Returns the prepared password.
     *
     * @throws IllegalArgumentException if the password contains prohibited characters or
     *     prepares to the empty string
     */
    static String password(String password) {
        StringBuilder mapped = new StringBuilder(password.length());
        for (int i = 0; i < password.length(); ) {
            int cp = password.codePointAt(i);
            i += Character.charCount(cp);
            if (mapsToNothing(cp)) {
                continue;
            }
            if (cp != ' ' && Character.getType(cp) == Character.SPACE_SEPARATOR) {
                cp = ' ';
            }
            mapped.appendCodePoint(cp);
        }
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (isProhibited(cp)) {
                throw new IllegalArgumentException("password contains a prohibited character");
            }
        }
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("password is empty");
        }
        return normalized;
    }

    private static boolean mapsToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060
                || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    private static boolean isProhibited(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.SURROGATE
                || (cp & 0xFFFE) == 0xFFFE
                || (cp >= 0xFDD0 && cp <= 0xFDEF);
    }
}
