package im.tandem.mdm;

import im.tandem.routing.RouterRestartListener;
import im.tandem.store.ServiceParameterStore;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The MDM service parameter ("Enable Multi-Device Messaging"): the value in force and the
 * pending one an operator set, which takes effect at the next router restart. The pending
 * value is stored, so it survives a process restart (which applies it, like a router restart).
 * Ordered first among the restart listeners: the others read the new value.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MdmSwitch implements RouterRestartListener {

    static final String PARAMETER = "mdm.enabled";

    private static final Logger log = LoggerFactory.getLogger(MdmSwitch.class);

    private final ServiceParameterStore store;
    private volatile boolean enabled;
    private volatile boolean pending;

    public MdmSwitch(MdmProperties properties, ServiceParameterStore store) {
        this.store = store;
        Boolean stored = store.get(PARAMETER).map(Boolean::parseBoolean).blockOptional(Duration.ofSeconds(30))
                .orElse(null);
        this.enabled = stored != null ? stored : properties.enabled();
        this.pending = enabled;
        log.info("multi-device messaging is {}", enabled ? "enabled" : "disabled");
    }

    /** Whether MDM is in force now. */
    public boolean enabled() {
        return enabled;
    }

    /** The value the next router restart applies. */
    public boolean pendingEnabled() {
        return pending;
    }

    public boolean restartRequired() {
        return pending != enabled;
    }

    /** Stores a new pending value; nothing changes until the router restarts. */
    public Mono<Void> setPending(boolean value) {
        return store.put(PARAMETER, Boolean.toString(value)).then(Mono.fromRunnable(() -> pending = value));
    }

    @Override
    public void routerRestarting() {
        if (enabled != pending) {
            log.info("router restart: multi-device messaging {}", pending ? "enabled" : "disabled");
        }
        enabled = pending;
    }
}
