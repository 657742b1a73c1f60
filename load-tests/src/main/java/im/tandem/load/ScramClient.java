package im.tandem.load;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM-SHA-1 / SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding,
 * as a load generator needs it: the expensive salted password is computed once per account,
 * salt and iteration count and then reused, so thousands of logins of the same accounts cost
 * the generator little. The server's signature is not checked (a load test, not a client).
 */
final class ScramClient {

    private static final Map<String, byte[][]> KEYS = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String mechanism;
    private final String hash;
    private final String user;
    private final String password;
    private final String clientFirstBare;
    private final String nonce;

    ScramClient(String mechanism, String user, String password) {
        this.mechanism = mechanism;
        this.hash = mechanism.equals("SCRAM-SHA-256") ? "SHA-256" : "SHA-1";
        this.user = user;
        this.password = password;
        byte[] n = new byte[18];
        RANDOM.nextBytes(n);
        this.nonce = Base64.getEncoder().encodeToString(n);
        this.clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + nonce;
    }

    String mechanism() {
        return mechanism;
    }

    /** The initial response, base64. */
    String clientFirst() {
        return b64("n,," + clientFirstBare);
    }

    /** The answer to the server's challenge (base64 in, base64 out). */
    String clientFinal(String challengeBase64) {
        String serverFirst = new String(Base64.getDecoder().decode(challengeBase64.trim()), StandardCharsets.UTF_8);
        String serverNonce = null;
        String salt = null;
        int iterations = 0;
        for (String part : serverFirst.split(",")) {
            if (part.startsWith("r=")) {
                serverNonce = part.substring(2);
            } else if (part.startsWith("s=")) {
                salt = part.substring(2);
            } else if (part.startsWith("i=")) {
                iterations = Integer.parseInt(part.substring(2));
            }
        }
        if (serverNonce == null || !serverNonce.startsWith(nonce) || salt == null || iterations <= 0) {
            throw new IllegalStateException("bad SCRAM challenge: " + serverFirst);
        }
        String withoutProof = "c=biws,r=" + serverNonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        try {
            byte[][] keys = keys(salt, iterations);
            byte[] signature = hmac(keys[1], authMessage.getBytes(StandardCharsets.UTF_8));
            byte[] proof = keys[0].clone();
            for (int i = 0; i < proof.length; i++) {
                proof[i] ^= signature[i];
            }
            return b64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ClientKey and StoredKey, cached per account, salt and iteration count. */
    private byte[][] keys(String salt, int iterations) throws GeneralSecurityException {
        String key = mechanism + "\0" + user + "\0" + salt + "\0" + iterations;
        byte[][] cached = KEYS.get(key);
        if (cached != null) {
            return cached;
        }
        SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance(hash.equals("SHA-256") ? "PBKDF2WithHmacSHA256" : "PBKDF2WithHmacSHA1");
        int bits = hash.equals("SHA-256") ? 256 : 160;
        byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), Base64.getDecoder().decode(salt),
                iterations, bits)).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.UTF_8));
        byte[] storedKey = MessageDigest.getInstance(hash).digest(clientKey);
        byte[][] computed = {clientKey, storedKey};
        KEYS.put(key, computed);
        return computed;
    }

    private byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        String algorithm = hash.equals("SHA-256") ? "HmacSHA256" : "HmacSHA1";
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(data);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
