package im.tandem.sasl;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash functions SCRAM is defined over: SHA-1 (RFC 5802) and SHA-256 (RFC 7677), with the
 * JCA names of the HMAC, digest and PBKDF2 ({@code Hi()} of RFC 5802) implementations.
 */
public enum ScramAlgorithm {
    SHA_1("SCRAM-SHA-1", "HmacSHA1", "SHA-1", "PBKDF2WithHmacSHA1", 20),
    SHA_256("SCRAM-SHA-256", "HmacSHA256", "SHA-256", "PBKDF2WithHmacSHA256", 32);

    private final String mechanismName;
    private final String hmacAlgorithm;
    private final String digestAlgorithm;
    private final String pbkdf2Algorithm;
    private final int keyLength;

    ScramAlgorithm(String mechanismName, String hmacAlgorithm, String digestAlgorithm,
            String pbkdf2Algorithm, int keyLength) {
        this.mechanismName = mechanismName;
        this.hmacAlgorithm = hmacAlgorithm;
        this.digestAlgorithm = digestAlgorithm;
        this.pbkdf2Algorithm = pbkdf2Algorithm;
        this.keyLength = keyLength;
    }

    /** The SASL mechanism name without channel binding, for example {@code SCRAM-SHA-256}. */
    public String mechanismName() {
        return mechanismName;
    }

    /** The SASL mechanism name with channel binding, for example {@code SCRAM-SHA-256-PLUS}. */
    public String plusMechanismName() {
        return mechanismName + "-PLUS";
    }

    public String hmacAlgorithm() {
        return hmacAlgorithm;
    }

    public String digestAlgorithm() {
        return digestAlgorithm;
    }

    /** Output length of the hash in bytes; also the length of every SCRAM key and proof. */
    public int keyLength() {
        return keyLength;
    }

    byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hmacAlgorithm);
            mac.init(new SecretKeySpec(key, hmacAlgorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            // Every Java platform must ship HmacSHA1 and HmacSHA256.
            throw new IllegalStateException(hmacAlgorithm + " unavailable", e);
        }
    }

    byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(digestAlgorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digestAlgorithm + " unavailable", e);
        }
    }

    /**
     * {@code SaltedPassword := Hi(Normalize(password), salt, i)}. The JDK's PBKDF2 encodes the
     * characters as UTF-8, which is what RFC 5802 asks for.
     */
    byte[] saltedPassword(String preparedPassword, byte[] salt, int iterations) {
        char[] chars = preparedPassword.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, keyLength * 8);
        try {
            return SecretKeyFactory.getInstance(pbkdf2Algorithm).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(pbkdf2Algorithm + " unavailable", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
