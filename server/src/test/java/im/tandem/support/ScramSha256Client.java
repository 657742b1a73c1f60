package im.tandem.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM-SHA-256 (RFC 7677), written independently of the server's code
 * so that an end-to-end login proves interoperability, not agreement with itself.
 */
public final class ScramSha256Client {

    private final String username;
    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] serverSignature;

    public ScramSha256Client(String username, String password) {
        this.username = username;
        this.password = password;
        byte[] nonce = new byte[18];
        new SecureRandom().nextBytes(nonce);
        this.clientNonce = Base64.getEncoder().encodeToString(nonce);
    }

    /** Base64 of the client-first-message. */
    public String clientFirst() {
        clientFirstBare = "n=" + username + ",r=" + clientNonce;
        return b64("n,," + clientFirstBare);
    }

    /** Base64 of the client-final-message for the base64 server-first-message. */
    public String clientFinal(String serverFirstBase64) throws Exception {
        String serverFirst = new String(Base64.getDecoder().decode(serverFirstBase64), StandardCharsets.UTF_8);
        String nonce = null;
        String salt = null;
        int iterations = 0;
        for (String part : serverFirst.split(",")) {
            if (part.startsWith("r=")) {
                nonce = part.substring(2);
            } else if (part.startsWith("s=")) {
                salt = part.substring(2);
            } else if (part.startsWith("i=")) {
                iterations = Integer.parseInt(part.substring(2));
            }
        }
        if (nonce == null || !nonce.startsWith(clientNonce)) {
            throw new IllegalStateException("server nonce does not extend ours: " + serverFirst);
        }
        String withoutProof = "c=biws,r=" + nonce;
        SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), Base64.getDecoder().decode(salt),
                iterations, 256)).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
        return b64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
    }

    /** Whether the server-final-message (base64) proves the server knew our credentials. */
    public boolean verifyServerFinal(String serverFinalBase64) {
        String serverFinal = new String(Base64.getDecoder().decode(serverFinalBase64), StandardCharsets.UTF_8);
        return serverFinal.equals("v=" + Base64.getEncoder().encodeToString(serverSignature));
    }

    private static byte[] hmac(byte[] key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
