package im.tandem.admin;

import im.tandem.store.AuditLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records an admin action three ways: in the {@link AuditLog} table, at INFO on the
 * {@code im.tandem.audit} logger, and in the {@link MeterNames#ADMIN_ACTIONS} counter.
 */
@Component
public class AdminAudit {

    private static final Logger audit = LoggerFactory.getLogger("im.tandem.audit");

    private final AuditLog log;
    private final MeterRegistry meters;

    public AdminAudit(AuditLog log, MeterRegistry meters) {
        this.log = log;
        this.meters = meters;
    }

    /**
     * @param actor  the admin's username
     * @param action what was done, e.g. {@code user.delete}
     * @param source where the request came from: an address, or {@code xmpp:} and the admin's full JID
     */
    public Mono<Void> record(String actor, String action, String target, String detail, String source) {
        return Mono.defer(() -> {
            audit.info("actor={} action={} target={} source={}{}", actor, action, target, source,
                    detail == null ? "" : " detail=" + detail);
            Counter.builder(MeterNames.ADMIN_ACTIONS).description("Admin actions audited").tag("action", action)
                    .register(meters).increment();
            return log.record(actor, action, target, detail, source);
        });
    }
}
