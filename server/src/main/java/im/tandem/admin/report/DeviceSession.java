package im.tandem.admin.report;

import java.time.Instant;

/**
 * One session of a user in the per-node drill-down.
 *
 * @param resource   the session's resource
 * @param deviceType {@code Desktop}, {@code Phone}, {@code Tablet}, {@code Web}, {@code Bot} or {@code Unknown}
 * @param platform   {@code iPhone}, {@code Android}, {@code iPad}, {@code Android tablet}, {@code Windows}, ...;
 *                   null when unknown
 * @param location   {@code internal} or {@code offsite}
 * @param loginTime  when the session was bound
 * @param state      {@code connected}, {@code phantom} (push-enabled) or {@code hibernating} while its connection is gone and it waits for a
 *                   stream resumption (XEP-0198)
 */
public record DeviceSession(String resource, String deviceType, String platform, String location, Instant loginTime,
                            String state) {

    /** {@code Phone (iPhone)}, or the device type alone when the platform is unknown. */
    public String device() {
        return platform == null ? deviceType : deviceType + " (" + platform + ")";
    }
}
