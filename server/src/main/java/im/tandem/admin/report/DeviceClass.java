package im.tandem.admin.report;

import java.util.Objects;

/**
 * What a session's device is: its {@link DeviceType} and, where the client let it be known, the
 * platform ({@code iPhone}, {@code Android}, {@code iPad}, {@code Android tablet},
 * {@code Windows}, {@code macOS}, {@code Linux}, ...).
 *
 * @param type     the kind of device
 * @param platform the platform, or null when unknown
 */
public record DeviceClass(DeviceType type, String platform) {

    /** A device nothing is known about. */
    public static final DeviceClass UNKNOWN = new DeviceClass(DeviceType.UNKNOWN, null);

    public DeviceClass {
        Objects.requireNonNull(type, "type");
    }

    /** {@code Phone (iPhone)}, or just {@code Desktop} when the platform is unknown. */
    public String label() {
        return platform == null ? type.label() : type.label() + " (" + platform + ")";
    }
}
