package im.tandem.admin;

import im.tandem.mdm.MdmSwitch;
import im.tandem.routing.RouterRestart;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/mdm} (the MDM service parameter: set pending, applied at the next router
 * restart) and {@code /api/v1/router/restart}.
 */
@RestController
@org.springframework.web.bind.annotation.RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class MdmController {

    /** The service parameter: in force, pending, and whether a restart would change anything. */
    public record MdmView(boolean enabled, boolean pendingEnabled, boolean restartRequired) {
    }

    /** Body of PUT: the value to apply at the next restart ({@code pendingEnabled} is accepted as a synonym). */
    public record MdmChange(Boolean enabled, Boolean pendingEnabled) {
    }

    private final MdmSwitch mdm;
    private final RouterRestart restart;
    private final AdminAudit audit;

    public MdmController(MdmSwitch mdm, RouterRestart restart, AdminAudit audit) {
        this.mdm = mdm;
        this.restart = restart;
        this.audit = audit;
    }

    @GetMapping("/mdm")
    public MdmView get() {
        return view();
    }

    @PutMapping(path = "/mdm", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<MdmView> put(@RequestBody MdmChange body, ServerWebExchange exchange) {
        Boolean value = body.enabled() != null ? body.enabled() : body.pendingEnabled();
        if (value == null) {
            return Mono.error(new ServerWebInputException("give {\"enabled\": true|false}"));
        }
        return mdm.setPending(value)
                .then(audit.record(UsersController.actor(exchange), "mdm.set", "mdm.enabled", value.toString(),
                        UsersController.source(exchange)))
                .then(Mono.fromSupplier(this::view));
    }

    /** Restarts the router; client connections stay up. Answers with the service parameter now in force. */
    @PostMapping("/router/restart")
    public Mono<MdmView> restart(ServerWebExchange exchange) {
        return restart.restart()
                .onErrorMap(IllegalStateException.class,
                        e -> new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage()))
                .then(audit.record(UsersController.actor(exchange), "router.restart", "router", null,
                        UsersController.source(exchange)))
                .then(Mono.fromSupplier(this::view));
    }

    private MdmView view() {
        return new MdmView(mdm.enabled(), mdm.pendingEnabled(), mdm.restartRequired());
    }
}
