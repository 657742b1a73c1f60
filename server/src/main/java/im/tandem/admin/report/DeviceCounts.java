package im.tandem.admin.report;

/**
 * How many users are logged in from how many devices (sessions), at one level of the report.
 *
 * @param usersWith1Device        users with exactly one session
 * @param usersWith2Devices       users with exactly two
 * @param usersWith3Devices       users with exactly three
 * @param usersWith4OrMoreDevices users with four or more
 * @param usersWith1OrMoreDevices users with at least one session: the sum of the four above
 * @param sessions                client sessions in all
 */
public record DeviceCounts(long usersWith1Device, long usersWith2Devices, long usersWith3Devices,
                           long usersWith4OrMoreDevices, long usersWith1OrMoreDevices, long sessions) {

    /** No users, no sessions. */
    public static final DeviceCounts NONE = new DeviceCounts(0, 0, 0, 0, 0, 0);

    /** The counts of two levels together (two nodes of a sub-cluster, say). */
    public DeviceCounts plus(DeviceCounts other) {
        return new DeviceCounts(usersWith1Device + other.usersWith1Device, usersWith2Devices + other.usersWith2Devices,
                usersWith3Devices + other.usersWith3Devices, usersWith4OrMoreDevices + other.usersWith4OrMoreDevices,
                usersWith1OrMoreDevices + other.usersWith1OrMoreDevices, sessions + other.sessions);
    }
}
