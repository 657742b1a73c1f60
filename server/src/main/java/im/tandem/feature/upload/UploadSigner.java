package im.tandem.feature.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs PUT URLs with HMAC-SHA256 over everything the slot promised (id, name, size, type,
 * expiry), so a URL cannot be altered or extended; and makes the unguessable slot ids. The key
 * is {@code tandem.upload.secret} or, when that is empty, 32 random bytes kept in
 * {@code <data-dir>/upload-secret} (owner-readable only) so that URLs survive a restart.
 */
final class UploadSigner {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    UploadSigner(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    static UploadSigner of(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return new UploadSigner(configured.getBytes(StandardCharsets.UTF_8));
        }
        Path file = dataDir.resolve("upload-secret");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                Path tmp = Files.createTempFile(dataDir, "upload-secret", ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the data directory's own protection must do
                }
                Files.writeString(tmp, HexFormat.of().formatHex(fresh));
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return new UploadSigner(HexFormat.of().parseHex(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** A new slot id: 128 random bits, URL-safe. */
    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code id} looks like one of {@link #newId()}'s, before it goes near a database or a file system. */
    static boolean isId(String id) {
        return id != null && id.length() == 22 && id.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                || c >= '0' && c <= '9' || c == '-' || c == '_');
    }

    String sign(String id, String urlName, long size, String type, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            String data = "put\n" + id + "\n" + urlName + "\n" + size + "\n" + type + "\n" + expiresEpochSecond;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time check of a signature given with a PUT. */
    boolean verify(String signature, String id, String urlName, long size, String type, long expiresEpochSecond) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(id, urlName, size, type, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
