package im.tandem.admin;

/**
 * Every meter name of the server, in Micrometer's dotted form; Prometheus shows
 * {@code tandem.c2s.connections} as {@code tandem_c2s_connections}. Tags never carry a JID
 * or an address.
 */
public final class MeterNames {

    /** Open client connections, gauge. */
    public static final String C2S_CONNECTIONS = "tandem.c2s.connections";
    /** Client connections accepted, counter, tag {@code listener} = starttls or direct_tls. */
    public static final String C2S_CONNECTIONS_ACCEPTED = "tandem.c2s.connections.accepted";
    /** Bound client sessions on this node, gauge. */
    public static final String SESSIONS = "tandem.sessions";
    /** Resources bound, counter. */
    public static final String SESSIONS_BOUND = "tandem.sessions.bound";
    /** Stanzas received from clients, counter, tag {@code kind}. */
    public static final String STANZAS_IN = "tandem.stanzas.in";
    /** Stanzas written to clients, counter, tag {@code kind}. */
    public static final String STANZAS_OUT = "tandem.stanzas.out";
    /** Bytes of stanzas received, counter. */
    public static final String BYTES_IN = "tandem.c2s.bytes.in";
    /** Bytes written to clients, counter. */
    public static final String BYTES_OUT = "tandem.c2s.bytes.out";
    /** Failed SASL authentications, counter. */
    public static final String AUTH_FAILURES = "tandem.auth.failures";
    /** Stream errors sent, counter, tag {@code condition}. */
    public static final String STREAM_ERRORS = "tandem.stream.errors";
    /** Messages put into offline storage, counter. */
    public static final String OFFLINE_STORED = "tandem.offline.stored";
    /** Admin actions audited, counter, tag {@code action}. */
    public static final String ADMIN_ACTIONS = "tandem.admin.actions";

    /** Sessions whose connection dropped, waiting for a stream resumption (XEP-0198), gauge. */
    public static final String SM_HIBERNATING = "tandem.sm.hibernating";
    /** Stream resumptions asked for, counter, tag {@code result} = resumed or failed. */
    public static final String SM_RESUMPTIONS = "tandem.sm.resumptions";
    /** Hibernating sessions ended because nobody resumed them in time, counter. */
    public static final String SM_EXPIRED = "tandem.sm.expired";
    /** Unacknowledged stanzas of ended sessions handed to redelivery (other sessions, offline storage), counter. */
    public static final String SM_UNACKED_REDELIVERED = "tandem.sm.unacked.redelivered";

    /** Client sessions by where they connect from, gauge, tag {@code location} = internal or offsite. Cisco: JsmClientSessionsActive. */
    public static final String JSM_CLIENT_SESSIONS_ACTIVE = "tandem.jsm.client.sessions.active";
    /** Sessions over the node's capacity limit, in percent, gauge. */
    public static final String JSM_SESSIONS_LOAD_PERCENT = "tandem.jsm.sessions.load.percent";
    /** The node's session capacity limit (profile, explicit limit, HA halving), gauge. */
    public static final String JSM_SESSIONS_LIMIT = "tandem.jsm.sessions.limit";
    /** Logins refused because the node was at its capacity limit, counter. */
    public static final String JSM_SESSIONS_REFUSED = "tandem.jsm.sessions.refused";
    /** Phantom sessions (push-enabled, connection dropped, kept for resumption), gauge. Cisco: JsmPhantomSessionsActive. */
    public static final String JSM_PHANTOM_SESSIONS_ACTIVE = "tandem.jsm.phantom.sessions.active";
    /** Hybrid sessions held for an interop gateway, gauge. Cisco: JsmHybridSessionsActive. */
    public static final String JSM_HYBRID_SESSIONS_ACTIVE = "tandem.jsm.hybrid.sessions.active";
    /** Users assigned to the node, one combined session each, gauge. Cisco: JsmCombinedSessions. */
    public static final String JSM_COMBINED_SESSIONS = "tandem.jsm.combined.sessions";
    /** 1 while the JSMSessionsExceedsThreshold alert is raised (load above the threshold for the sustain time), else 0, gauge. */
    public static final String JSM_SESSIONS_EXCEEDS_THRESHOLD = "tandem.jsm.sessions.exceeds.threshold";
    /** JSMSessionsExceedsThreshold alerts raised, the first of an episode and every repeat, counter. */
    public static final String JSM_SESSIONS_EXCEEDS_THRESHOLD_RAISED = "tandem.jsm.sessions.exceeds.threshold.raised";
    /** Alert notifications posted to the webhook, counter, tag {@code result} = ok, failed or dropped. */
    public static final String ALERT_WEBHOOK_DELIVERIES = "tandem.alert.webhook.deliveries";

    /** Router restarts, counter. */
    public static final String ROUTER_RESTARTS = "tandem.router.restarts";

    /** MDM-enabled sessions (carbons on, MDM applied), gauge. Cisco: MDMSessions. */
    public static final String MDM_SESSIONS = "tandem.mdm.sessions";
    /** MDM sessions getting silent copies because another session of the user is active, gauge. Cisco: MDMSilentModeSessions. */
    public static final String MDM_SILENT_MODE_SESSIONS = "tandem.mdm.silent.mode.sessions";
    /** Sessions in quiet mode (XEP-0352 inactive), gauge. Cisco: MDMQuietModeSessions. */
    public static final String MDM_QUIET_MODE_SESSIONS = "tandem.mdm.quiet.mode.sessions";
    /** Quiet-mode buffer flushes, counter, tag {@code trigger}. Cisco: MDMBufferFlushes, MDMBufferFlushesLimitReached. */
    public static final String MDM_BUFFER_FLUSHES = "tandem.mdm.buffer.flushes";
    /** Stanzas flushed in the last metrics period, gauge. Cisco: MDMBufferFlushPacketCount. */
    public static final String MDM_BUFFER_FLUSH_PACKETS = "tandem.mdm.buffer.flush.packets";
    /** Time stanzas waited in a quiet-mode buffer before a flush, timer. Cisco: MDMBufferAvgQueuedTime. */
    public static final String MDM_BUFFER_QUEUED = "tandem.mdm.buffer.queued";
    /** Carbon copies written, counter, tag {@code direction} = sent or received. */
    public static final String MDM_CARBONS = "tandem.mdm.carbons";

    private MeterNames() {
    }

    /** External components connected now. */
    public static final String COMPONENT_CONNECTED = "tandem.component.connected";
    /** Stanzas between the server and external components, tag {@code direction} in/out. */
    public static final String COMPONENT_STANZAS = "tandem.component.stanzas";
    /** Component connections refused at the handshake (wrong secret, conflict, throttled). */
    public static final String COMPONENT_HANDSHAKE_FAILURES = "tandem.component.handshake.failures";
    /** Stanzas a component sent from an address it may not use. */
    public static final String COMPONENT_STANZAS_REJECTED = "tandem.component.stanzas.rejected";

    /** Push notifications (XEP-0357) to app servers, tag {@code result} sent/failed. */
    public static final String PUSH_NOTIFICATIONS = "tandem.push.notifications";
    /** Push registrations held. */
    public static final String PUSH_REGISTRATIONS = "tandem.push.registrations";
    /** Push registrations removed after repeated failures. */
    public static final String PUSH_REGISTRATIONS_DISABLED = "tandem.push.registrations.disabled";

    /** Messages written to message archives (XEP-0313), tag {@code direction} in/out. */
    public static final String MAM_ARCHIVED = "tandem.mam.archived";
    /** Archive writes that failed or timed out (the message was delivered without an archive entry). */
    public static final String MAM_ARCHIVE_FAILURES = "tandem.mam.archive.failures";
    /** Archive queries answered, tag {@code result} ok/error. */
    public static final String MAM_QUERIES = "tandem.mam.queries";
    /** Archived messages deleted by retention (age or per-archive limit). */
    public static final String MAM_PURGED = "tandem.mam.purged";
    /** Items published, counter, tag {@code service} = pep (an account's PEP service) or pubsub (pubsub.<domain>). */
    public static final String PUBSUB_PUBLICATIONS = "tandem.pubsub.publications";
    /** Event notifications sent, counter, tag {@code service} = pep or pubsub. */
    public static final String PUBSUB_NOTIFICATIONS = "tandem.pubsub.notifications";
    /** Group chat rooms held now (XEP-0045). */
    public static final String MUC_ROOMS = "tandem.muc.rooms";
    /** Occupants of group chat rooms now. */
    public static final String MUC_OCCUPANTS = "tandem.muc.occupants";
    /** Stanzas addressed to the group chat service and its rooms. */
    public static final String MUC_STANZAS = "tandem.muc.stanzas";
    /** Upload slots handed out (XEP-0363), counter. */
    public static final String UPLOAD_SLOTS = "tandem.upload.slots";
    /** Files uploaded completely, counter. */
    public static final String UPLOAD_FILES = "tandem.upload.files";
    /** Bytes of files uploaded completely, counter. */
    public static final String UPLOAD_BYTES = "tandem.upload.bytes";
    /** Slot requests and PUTs refused, counter, tag {@code reason} = too_large, quota, rate_limited, not_acceptable, forbidden, bad_upload. */
    public static final String UPLOAD_REJECTED = "tandem.upload.rejected";
    /** Files and lapsed slots removed by the expiry sweep, counter. */
    public static final String UPLOAD_EXPIRED = "tandem.upload.expired";

    /** SOCKS5 bytestreams (XEP-0065) relaying now through the proxy, gauge. */
    public static final String SOCKS5_STREAMS_ACTIVE = "tandem.socks5.streams.active";
    /** SOCKS5 connections waiting for their peer or for activation, gauge. */
    public static final String SOCKS5_PENDING = "tandem.socks5.pending";
    /** Bytes relayed by the SOCKS5 proxy, counter. */
    public static final String SOCKS5_BYTES = "tandem.socks5.bytes";
    /** SOCKS5 connections refused or closed for bad input or limits, counter, tag {@code reason}. */
    public static final String SOCKS5_REJECTED = "tandem.socks5.rejected";
}
