package im.tandem.admin.report;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.feature.DiscoIdentity;
import im.tandem.feature.caps.ClientCapabilities;
import im.tandem.feature.version.ClientSoftware;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeviceClassifierTest {

    private static final String NONE = null;

    /** identity type (category client), identity name, caps node, software name, os, expected label. */
    static Stream<Arguments> devices() {
        return Stream.of(
                // the identity alone
                Arguments.of("pc", "Gajim", "https://gajim.org", NONE, NONE, "Desktop"),
                Arguments.of("console", "Profanity", "http://profanity-im.github.io", NONE, NONE, "Desktop"),
                Arguments.of("phone", "Test Phone", "https://example.org/app", NONE, NONE, "Phone"),
                Arguments.of("handheld", NONE, "https://example.org/app", NONE, NONE, "Phone"),
                Arguments.of("tablet", NONE, "https://example.org/app", NONE, NONE, "Tablet"),
                Arguments.of("web", "Converse", "https://conversejs.org", NONE, NONE, "Web"),
                Arguments.of("bot", "Report bot", "https://example.org/bot", NONE, NONE, "Bot"),
                // identity and software version together
                Arguments.of("phone", "Conversations", "http://conversations.im", "Conversations", "Android 14",
                        "Phone (Android)"),
                Arguments.of("phone", "Monal", "http://monal-im.org/", "Monal", "iOS 17.4", "Phone (iPhone)"),
                Arguments.of("phone", "Monal", "http://monal-im.org/", "Monal", "iPhone OS 16", "Phone (iPhone)"),
                Arguments.of("pc", "Gajim", "https://gajim.org", "Gajim", "Windows 11", "Desktop (Windows)"),
                Arguments.of("pc", "Beagle IM", "https://beagle.im", "BeagleIM", "Mac OS X 14.2", "Desktop (macOS)"),
                Arguments.of("pc", "Dino", "https://dino.im", "Dino", "Linux", "Desktop (Linux)"),
                Arguments.of("pc", "Psi", "https://psi-im.org", "Psi", "Ubuntu 22.04", "Desktop (Linux)"),
                Arguments.of("pc", NONE, NONE, NONE, "FreeBSD 14.0", "Desktop (BSD)"),
                Arguments.of("pc", NONE, NONE, NONE, "OS X 10.9", "Desktop (macOS)"),
                Arguments.of("web", "Converse", "https://conversejs.org", "Converse", "Windows 10", "Web (Windows)"),
                Arguments.of("bot", NONE, "https://example.org/bot", "Reporter", "Linux", "Bot (Linux)"),
                // tablets are tablets, whatever else the client says (the seed's iPad shown as Desktop)
                Arguments.of("tablet", NONE, "https://example.org/app", "App", "iPadOS 17.4", "Tablet (iPad)"),
                Arguments.of("pc", "Monal", "http://monal-im.org/", "Monal", "iPadOS 17.4", "Tablet (iPad)"),
                Arguments.of("phone", "Monal", "http://monal-im.org/", "Monal", "iPadOS 17", "Tablet (iPad)"),
                Arguments.of("pc", "Siskin", "https://siskin.im", "Siskin IM", "iPad", "Tablet (iPad)"),
                Arguments.of("tablet", NONE, "https://example.org/app", "App", "iOS 17", "Tablet (iPad)"),
                Arguments.of("tablet", "Conversations", "http://conversations.im", "Conversations", "Android 13",
                        "Tablet (Android tablet)"),
                Arguments.of("phone", NONE, "https://example.org/app", "App", "Android 13 (tablet)",
                        "Tablet (Android tablet)"),
                Arguments.of(NONE, NONE, "http://example.org/apps/ipad", NONE, NONE, "Tablet (iPad)"),
                // mobile apps that keep their library's default pc identity
                Arguments.of("pc", "Smack", "https://igniterealtime.org/projects/smack", "MyApp", "Android 12",
                        "Phone (Android)"),
                Arguments.of("pc", "Smack", "https://igniterealtime.org/projects/smack", "MyApp for Android", "Linux",
                        "Phone (Android)"),
                Arguments.of("pc", NONE, NONE, NONE, "iOS 15", "Phone (iPhone)"),
                // no telling identity: the os, then well-known clients
                Arguments.of(NONE, NONE, NONE, "Some client", "Windows 10", "Desktop (Windows)"),
                Arguments.of(NONE, NONE, NONE, "Some client", "Android 11", "Phone (Android)"),
                Arguments.of("game", NONE, NONE, "Some client", "Chrome OS 120", "Desktop (ChromeOS)"),
                Arguments.of(NONE, NONE, "http://conversations.im", NONE, NONE, "Phone (Android)"),
                Arguments.of(NONE, NONE, "https://siskin.im", NONE, NONE, "Phone (iPhone)"),
                Arguments.of(NONE, NONE, "https://gajim.org", NONE, NONE, "Desktop"),
                Arguments.of(NONE, NONE, "https://conversejs.org", NONE, NONE, "Web"),
                Arguments.of("phone", "Conversations", "http://conversations.im", NONE, NONE, "Phone (Android)"),
                // nothing to go by
                Arguments.of(NONE, NONE, NONE, NONE, NONE, "Unknown"),
                Arguments.of(NONE, NONE, "https://igniterealtime.org/projects/smack", "Smack", NONE, "Unknown"),
                Arguments.of("sms", NONE, "https://example.org/gw", NONE, NONE, "Unknown"),
                // whole words only: neither BIOS nor Windowsill is an os
                Arguments.of(NONE, NONE, NONE, "BIOS tool", "Windowsill 2", "Unknown"),
                Arguments.of("pc", NONE, NONE, NONE, "PhoneOS", "Desktop"));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4} -> {5}")
    @MethodSource("devices")
    void classifiesFromIdentityNodeAndSoftwareVersion(String identityType, String identityName, String node,
                                                      String softwareName, String os, String expected) {
        ClientCapabilities caps = identityType == null && node == null ? null
                : new ClientCapabilities(node, identityType == null ? List.of()
                        : List.of(new DiscoIdentity("client", identityType, identityName)), Set.of());
        ClientSoftware software = softwareName == null && os == null ? null : new ClientSoftware(softwareName, "1.0", os);
        assertThat(DeviceClassifier.classify(caps, software).label()).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("nonClientIdentities")
    void onlyAClientIdentityCounts(List<DiscoIdentity> identities, String expected) {
        ClientCapabilities caps = new ClientCapabilities("https://example.org/app", identities, Set.of());
        assertThat(DeviceClassifier.classify(caps, null).label()).isEqualTo(expected);
    }

    static Stream<Arguments> nonClientIdentities() {
        return Stream.of(
                Arguments.of(List.of(new DiscoIdentity("automation", "phone", null)), "Unknown"),
                Arguments.of(List.of(new DiscoIdentity("pubsub", "pep", null),
                        new DiscoIdentity("CLIENT", "tablet", null)), "Tablet"),
                Arguments.of(List.of(new DiscoIdentity("client", "phone", null),
                        new DiscoIdentity("client", "pc", null)), "Phone"));
    }
}
