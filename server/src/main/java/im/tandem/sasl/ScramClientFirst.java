package im.tandem.sasl;

import java.util.regex.Pattern;

/**
 * A parsed SCRAM client-first-message (RFC 5802 section 7):
 * {@code gs2-header client-first-message-bare}, where the gs2 header is
 * {@code (n | y | p=cb-name) "," [a=authzid] ","}.
 *
 * @param gs2Header the header exactly as sent, echoed back inside {@code c=} later
 * @param bindingFlag {@code 'n'} (client cannot bind), {@code 'y'} (client could, but thinks
 *     the server cannot) or {@code 'p'} (client binds with {@code bindingType})
 * @param bindingType the cb-name after {@code p=}, or null
 * @param authzid the decoded authorization identity, empty if absent
 * @param username the decoded authentication identity
 * @param clientNonce the client's nonce
 * @param bare the client-first-message-bare, part of the AuthMessage
 */
record ScramClientFirst(String gs2Header, char bindingFlag, String bindingType, String authzid,
        String username, String clientNonce, String bare) {

    private static final Pattern CB_NAME = Pattern.compile("[A-Za-z0-9.-]+");

    static ScramClientFirst parse(String message) throws SaslRejection {
        int flagEnd = message.indexOf(',');
        int headerEnd = flagEnd < 0 ? -1 : message.indexOf(',', flagEnd + 1);
        if (headerEnd < 0) {
            throw SaslRejection.malformed("missing gs2 header");
        }
        String flag = message.substring(0, flagEnd);
        String authzField = message.substring(flagEnd + 1, headerEnd);
        char bindingFlag;
        String bindingType = null;
        if (flag.equals("n") || flag.equals("y")) {
            bindingFlag = flag.charAt(0);
        } else if (flag.startsWith("p=") && CB_NAME.matcher(flag.substring(2)).matches()) {
            bindingFlag = 'p';
            bindingType = flag.substring(2);
        } else {
            throw SaslRejection.malformed("invalid channel binding flag");
        }
        String authzid = "";
        if (!authzField.isEmpty()) {
            if (!authzField.startsWith("a=")) {
                throw SaslRejection.malformed("invalid authzid field");
            }
            authzid = ScramAttributes.decodeSaslName(authzField.substring(2));
        }

        String bare = message.substring(headerEnd + 1);
        String[] attributes = bare.split(",", -1);
        if (attributes[0].startsWith("m=")) {
            // RFC 5802 reserves m= for mandatory extensions; none is defined, so none is understood.
            throw SaslRejection.malformed("unsupported mandatory extension");
        }
        if (attributes.length < 2) {
            throw SaslRejection.malformed("missing username or nonce");
        }
        String username = ScramAttributes.decodeSaslName(ScramAttributes.value(attributes[0], 'n'));
        String nonce = ScramAttributes.nonce(ScramAttributes.value(attributes[1], 'r'));
        ScramAttributes.checkExtensions(attributes, 2, attributes.length);
        return new ScramClientFirst(message.substring(0, headerEnd + 1), bindingFlag, bindingType,
                authzid, username, nonce, bare);
    }
}
