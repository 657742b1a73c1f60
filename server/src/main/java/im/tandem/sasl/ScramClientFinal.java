package im.tandem.sasl;

import java.util.Base64;

/**
 * A parsed SCRAM client-final-message (RFC 5802 section 7):
 * {@code c=channel-binding,r=nonce[,extensions],p=proof}.
 *
 * @param channelBinding the decoded {@code c=} value: gs2 header plus any binding data
 * @param nonce the combined client and server nonce
 * @param proof the decoded ClientProof
 * @param withoutProof the message up to but excluding {@code ,p=}, part of the AuthMessage
 */
record ScramClientFinal(byte[] channelBinding, String nonce, byte[] proof, String withoutProof) {

    static ScramClientFinal parse(String message) throws SaslRejection {
        // The proof is always the last attribute, and nothing before it may be a proof.
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw SaslRejection.malformed("missing proof");
        }
        String withoutProof = message.substring(0, proofAt);
        String[] attributes = withoutProof.split(",", -1);
        if (attributes.length < 2) {
            throw SaslRejection.malformed("missing channel binding or nonce");
        }
        byte[] channelBinding = base64(ScramAttributes.value(attributes[0], 'c'));
        String nonce = ScramAttributes.nonce(ScramAttributes.value(attributes[1], 'r'));
        ScramAttributes.checkExtensions(attributes, 2, attributes.length);
        byte[] proof = base64(message.substring(proofAt + 3));
        return new ScramClientFinal(channelBinding, nonce, proof, withoutProof);
    }

    private static byte[] base64(String text) throws SaslRejection {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw SaslRejection.malformed("invalid base64 in attribute");
        }
    }
}
