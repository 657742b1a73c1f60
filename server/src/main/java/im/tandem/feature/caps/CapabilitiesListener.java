package im.tandem.feature.caps;

import im.tandem.session.ClientSession;

/**
 * Told when a session's advertised entity capabilities have been resolved and put on the
 * session under {@link ClientCapsTracker#CAPABILITIES}: the moment to ask the client for
 * what its features say it answers (its software version, for example).
 */
public interface CapabilitiesListener {

    /** Called once per resolution, on the thread that resolved it; must not block. */
    void capabilitiesResolved(ClientSession session, ClientCapabilities capabilities);
}
