package im.tandem.sasl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes client messages as UTF-8 and refuses invalid sequences, where {@code new String(...)}
 * would silently substitute U+FFFD and let two different byte strings compare equal.
 */
final class StrictUtf8 {

    private StrictUtf8() {
    }

    static String decode(byte[] bytes) throws SaslRejection {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw SaslRejection.malformed("message is not valid UTF-8");
        }
    }
}
