package im.tandem.feature.upload;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a slot request may ask for: a plain file name (no path, no control characters), a
 * well-formed media type from the allowed list; and how a name and type are shown again: the
 * URL segment (a sanitised copy, so URLs never need escaping) and the disposition (inline only
 * for media a browser cannot turn into script).
 */
final class UploadPolicy {

    static final String DEFAULT_TYPE = "application/octet-stream";
    static final int MAX_FILENAME_LENGTH = 255;

    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
    private static final Pattern URL_UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    /** Shown inline: images, audio and video a browser renders without running anything. SVG is script, so no. */
    private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/avif",
            "audio/mpeg", "audio/ogg", "audio/mp4", "audio/aac", "audio/wav", "audio/webm", "audio/opus",
            "video/mp4", "video/webm", "video/ogg");

    private final List<String> allowed;

    UploadPolicy(List<String> allowedContentTypes) {
        this.allowed = allowedContentTypes.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** Why {@code filename} is refused, or null when it is a plain file name. */
    static String filenameProblem(String filename) {
        if (filename == null || filename.isBlank()) {
            return "a filename is required";
        }
        if (filename.length() > MAX_FILENAME_LENGTH) {
            return "the filename is longer than " + MAX_FILENAME_LENGTH + " characters";
        }
        if (filename.equals(".") || filename.equals("..") || filename.contains("/") || filename.contains("\\")) {
            return "the filename must not contain a path";
        }
        for (int i = 0; i < filename.length(); i++) {
            char c = filename.charAt(i);
            // control characters, line separators and bidirectional overrides (a name shown as "txt.exe" that is not)
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c >= '\u202A' && c <= '\u202E'
                    || c >= '\u2066' && c <= '\u2069') {
                return "the filename contains control characters";
            }
        }
        return null;
    }

    /** The media type to store for a request's {@code content-type} (absent: octet-stream), or null when it is malformed. */
    static String normalizeType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return DEFAULT_TYPE;
        }
        String type = contentType.strip().toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon).strip(); // parameters (charset) are not kept
        }
        return MEDIA_TYPE.matcher(type).matches() ? type : null;
    }

    /** Whether the configured list lets {@code type} (normalised) be uploaded. */
    boolean allows(String type) {
        if (allowed.isEmpty()) {
            return true;
        }
        for (String a : allowed) {
            if (a.equals(type) || a.endsWith("/*") && type.startsWith(a.substring(0, a.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** The file name as a URL path segment: only {@code [A-Za-z0-9._-]}, never starting with a dot. */
    static String urlName(String filename) {
        String safe = URL_UNSAFE.matcher(filename).replaceAll("_");
        while (safe.startsWith(".")) {
            safe = safe.substring(1);
        }
        if (safe.length() > 100) {
            safe = safe.substring(safe.length() - 100); // keep the extension
        }
        return safe.isEmpty() ? "file" : safe;
    }

    static boolean isInline(String type) {
        return INLINE.contains(type);
    }
}
