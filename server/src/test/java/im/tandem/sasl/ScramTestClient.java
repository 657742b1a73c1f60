package im.tandem.sasl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** The client side of SCRAM, just enough to drive {@link ScramNegotiation} in tests. */
final class ScramTestClient {

    private final ScramAlgorithm algorithm;
    private final String gs2Header;
    private final byte[] bindingData;
    private final String clientFirstBare;

    ScramTestClient(ScramAlgorithm algorithm, String gs2Header, byte[] bindingData, String clientFirstBare) {
        this.algorithm = algorithm;
        this.gs2Header = gs2Header;
        this.bindingData = bindingData;
        this.clientFirstBare = clientFirstBare;
    }

    static ScramTestClient unbound(ScramAlgorithm algorithm, String username) {
        return new ScramTestClient(algorithm, "n,,", new byte[0], "n=" + username + ",r=clientnonce123");
    }

    byte[] clientFirst() {
        return (gs2Header + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    byte[] clientFinal(String password, byte[] serverFirst) {
        String first = new String(serverFirst, StandardCharsets.UTF_8);
        return clientFinal(password, first, attributes(first).get("r"));
    }

    /** A correctly signed final message that echoes {@code nonce} instead of the server's. */
    byte[] clientFinal(String password, String serverFirst, String nonce) {
        Map<String, String> attributes = attributes(serverFirst);
        byte[] salt = Base64.getDecoder().decode(attributes.get("s"));
        int iterations = Integer.parseInt(attributes.get("i"));
        byte[] salted = algorithm.saltedPassword(password, salt, iterations);
        byte[] clientKey = algorithm.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = algorithm.digest(clientKey);

        ByteArrayOutputStream cbind = new ByteArrayOutputStream();
        cbind.writeBytes(gs2Header.getBytes(StandardCharsets.UTF_8));
        cbind.writeBytes(bindingData);
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbind.toByteArray()) + ",r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] signature = algorithm.hmac(storedKey, authMessage.getBytes(StandardCharsets.UTF_8));
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> attributes(String message) {
        Map<String, String> attributes = new HashMap<>();
        for (String attribute : message.split(",")) {
            attributes.put(attribute.substring(0, 1), attribute.substring(2));
        }
        return attributes;
    }
}
