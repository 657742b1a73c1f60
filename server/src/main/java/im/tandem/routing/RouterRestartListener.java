package im.tandem.routing;

/**
 * Told during a router restart, while no stanza is being routed, to apply pending service
 * parameters (the MDM switch) and drop what it derived from the old ones.
 */
public interface RouterRestartListener {

    void routerRestarting();
}
