package im.tandem.session;

/**
 * The sessions of each kind a node holds at one moment (SPEC section 4; Cisco JSM sessions).
 *
 * @param clientInternal client sessions connected from inside
 * @param clientOffsite  client sessions that came through an edge (off-site networks, PROXY protocol)
 * @param phantom        push-enabled sessions whose connection dropped, kept for resumption
 * @param hybrid         sessions held for hybrid users while their interop gateway is connected
 * @param combined       users assigned to the node (one combined session each)
 * @param limit          the node's session limit
 */
public record SessionCounts(long clientInternal, long clientOffsite, long phantom, long hybrid, long combined,
                            int limit) {

    public long client() {
        return clientInternal + clientOffsite;
    }

    /** The sessions that count against the limit: client, phantom and hybrid. */
    public long load() {
        return client() + phantom + hybrid;
    }

    /** {@link #load()} over the limit, in percent. */
    public double loadPercent() {
        return 100.0 * load() / limit;
    }
}
