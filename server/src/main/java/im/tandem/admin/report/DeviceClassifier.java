package im.tandem.admin.report;

import im.tandem.feature.DiscoIdentity;
import im.tandem.feature.caps.ClientCapabilities;
import im.tandem.feature.caps.ClientCapsTracker;
import im.tandem.feature.version.ClientSoftware;
import im.tandem.feature.version.ClientSoftwareTracker;
import im.tandem.session.ClientSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tells what kind of device a session runs on, from what its client said about itself: the
 * {@code client} identity its entity caps resolve to (XEP-0115, XEP-0030 types {@code pc},
 * {@code console}, {@code phone}, {@code handheld}, {@code tablet}, {@code web}, {@code bot}), the
 * caps node, and its software version (XEP-0092 name and os).
 *
 * <p>The rules, strongest first:
 * <ol>
 *   <li>identity {@code web} or {@code bot}: Web or Bot;</li>
 *   <li>any sign of a tablet (identity {@code tablet}; an os of iPadOS or iPad; the word
 *       {@code tablet} or {@code iPad} in the os, the software name, the identity name or the
 *       caps node): Tablet, never Desktop;</li>
 *   <li>identity {@code phone} or {@code handheld}: Phone;</li>
 *   <li>identity {@code pc} or {@code console}: Desktop, unless the os is iOS or Android (many
 *       mobile apps keep their library's default {@code pc} identity): then Phone;</li>
 *   <li>no telling identity: the os decides (iOS, Android: Phone; Windows, macOS, Linux, BSD,
 *       ChromeOS: Desktop), then a few well-known clients recognised by name or caps node;</li>
 *   <li>else Unknown.</li>
 * </ol>
 * The platform comes from the os, else from the names, else from the well-known client. Words
 * are matched whole ({@code bios} is not iOS). Everything here is a claim by the client; the
 * report shows it as such and nothing depends on it for security.
 */
public final class DeviceClassifier {

    /** Operating systems the platform is named after; {@code mobile} ones make a {@code pc} identity a phone. */
    enum Os {
        IPADOS("iPadOS", false), IOS("iOS", true), ANDROID("Android", true), CHROMEOS("ChromeOS", false),
        WINDOWS("Windows", false), MACOS("macOS", false), BSD("BSD", false), LINUX("Linux", false);

        final String label;
        final boolean mobile;

        Os(String label, boolean mobile) {
            this.label = label;
            this.mobile = mobile;
        }
    }

    private record KnownClient(DeviceType type, Os os) {
    }

    /** Clients whose name or caps node gives them away when nothing else does (one word of it). */
    private static final Map<String, KnownClient> KNOWN_CLIENTS = Map.ofEntries(
            Map.entry("conversations", new KnownClient(DeviceType.PHONE, Os.ANDROID)),
            Map.entry("blabber", new KnownClient(DeviceType.PHONE, Os.ANDROID)),
            Map.entry("monocles", new KnownClient(DeviceType.PHONE, Os.ANDROID)),
            Map.entry("cheogram", new KnownClient(DeviceType.PHONE, Os.ANDROID)),
            Map.entry("yaxim", new KnownClient(DeviceType.PHONE, Os.ANDROID)),
            Map.entry("siskin", new KnownClient(DeviceType.PHONE, Os.IOS)),
            Map.entry("beagle", new KnownClient(DeviceType.DESKTOP, Os.MACOS)),
            Map.entry("gajim", new KnownClient(DeviceType.DESKTOP, null)),
            Map.entry("dino", new KnownClient(DeviceType.DESKTOP, null)),
            Map.entry("pidgin", new KnownClient(DeviceType.DESKTOP, null)),
            Map.entry("psi", new KnownClient(DeviceType.DESKTOP, null)),
            Map.entry("profanity", new KnownClient(DeviceType.DESKTOP, null)),
            Map.entry("poezio", new KnownClient(DeviceType.DESKTOP, null)),
            Map.entry("converse", new KnownClient(DeviceType.WEB, null)),
            Map.entry("conversejs", new KnownClient(DeviceType.WEB, null)),
            Map.entry("jsxc", new KnownClient(DeviceType.WEB, null)),
            Map.entry("movim", new KnownClient(DeviceType.WEB, null)));

    private DeviceClassifier() {
    }

    /** The device of a session, from the caps and software version kept on it. */
    public static DeviceClass of(ClientSession session) {
        return classify(session.get(ClientCapsTracker.CAPABILITIES), session.get(ClientSoftwareTracker.SOFTWARE));
    }

    /** The device a client with these caps and this software version runs on; either may be null. */
    public static DeviceClass classify(ClientCapabilities caps, ClientSoftware software) {
        DiscoIdentity identity = clientIdentity(caps);
        String identityType = identity == null ? "" : lower(identity.type());
        List<String> osWords = words(software == null ? null : software.os(), new ArrayList<>());
        List<String> nameWords = words(software == null ? null : software.name(), new ArrayList<>());
        words(identity == null ? null : identity.name(), nameWords);
        words(caps == null ? null : caps.node(), nameWords);

        KnownClient known = knownClient(nameWords);
        Os os = osOf(osWords);
        Os named = osOf(nameWords);
        // Java on Android says "Linux"; an app's name that says Android knows better
        if (os == null || (os == Os.LINUX && named != null && named.mobile)) {
            os = named;
        }
        if (os == null && known != null) {
            os = known.os();
        }
        boolean tablet = identityType.equals("tablet") || os == Os.IPADOS
                || osWords.contains("tablet") || nameWords.contains("tablet") || nameWords.contains("ipad");

        DeviceType type;
        if (identityType.equals("web")) {
            type = DeviceType.WEB;
        } else if (identityType.equals("bot")) {
            type = DeviceType.BOT;
        } else if (tablet) {
            type = DeviceType.TABLET;
        } else if (identityType.equals("phone") || identityType.equals("handheld")) {
            type = DeviceType.PHONE;
        } else if (identityType.equals("pc") || identityType.equals("console")) {
            type = os != null && os.mobile ? DeviceType.PHONE : DeviceType.DESKTOP;
        } else if (os != null) {
            type = os.mobile ? DeviceType.PHONE : DeviceType.DESKTOP;
        } else if (known != null) {
            type = known.type();
        } else {
            return DeviceClass.UNKNOWN;
        }
        return new DeviceClass(type, platform(type, os));
    }

    private static String platform(DeviceType type, Os os) {
        if (os == null) {
            return null;
        }
        if (type == DeviceType.TABLET) {
            return switch (os) {
                case IPADOS, IOS -> "iPad";
                case ANDROID -> "Android tablet";
                default -> os.label;
            };
        }
        if (type == DeviceType.PHONE && os == Os.IOS) {
            return "iPhone";
        }
        return os.label;
    }

    /** The first identity of category {@code client}, else null. */
    private static DiscoIdentity clientIdentity(ClientCapabilities caps) {
        if (caps == null) {
            return null;
        }
        for (DiscoIdentity identity : caps.identities()) {
            if ("client".equalsIgnoreCase(identity.category())) {
                return identity;
            }
        }
        return null;
    }

    static Os osOf(List<String> words) {
        if (words.isEmpty()) {
            return null;
        }
        if (words.contains("ipados") || words.contains("ipad")) {
            return Os.IPADOS;
        }
        if (words.contains("ios") || words.contains("iphone")) {
            return Os.IOS;
        }
        if (words.contains("android")) {
            return Os.ANDROID;
        }
        if (words.contains("chromeos") || adjacent(words, "chrome", "os")) {
            return Os.CHROMEOS;
        }
        if (words.contains("windows")) {
            return Os.WINDOWS;
        }
        if (words.contains("macos") || words.contains("osx") || words.contains("darwin") || adjacent(words, "mac", "os")
                || adjacent(words, "os", "x")) {
            return Os.MACOS;
        }
        if (words.contains("freebsd") || words.contains("openbsd") || words.contains("netbsd")) {
            return Os.BSD;
        }
        for (String linux : new String[] {"linux", "ubuntu", "debian", "fedora", "gentoo", "opensuse", "manjaro"}) {
            if (words.contains(linux)) {
                return Os.LINUX;
            }
        }
        return null;
    }

    private static KnownClient knownClient(List<String> words) {
        for (String word : words) {
            KnownClient known = KNOWN_CLIENTS.get(word);
            if (known != null) {
                return known;
            }
        }
        return null;
    }

    private static boolean adjacent(List<String> words, String first, String second) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equals(first) && words.get(i + 1).equals(second)) {
                return true;
            }
        }
        return false;
    }

    /** Appends the runs of letters in {@code text}, lower-cased, to {@code into}. */
    static List<String> words(String text, List<String> into) {
        if (text == null) {
            return into;
        }
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean letter = i < text.length() && Character.isLetter(text.charAt(i));
            if (letter && start < 0) {
                start = i;
            } else if (!letter && start >= 0) {
                into.add(lower(text.substring(start, i)));
                start = -1;
            }
        }
        return into;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
