package im.tandem.admin;

import im.tandem.c2s.sm.ManagedStream;
import im.tandem.c2s.sm.StreamManagement;
import im.tandem.session.ClientSession;
import im.tandem.session.SessionLocations;
import im.tandem.session.SessionRegistry;
import im.tandem.stanza.Jid;
import im.tandem.stanza.StreamError;
import im.tandem.stanza.StreamErrorCondition;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/** {@code /api/v1/sessions}: the bound client sessions of this node, and kicking one. */
@RestController
@RequestMapping(path = "/api/v1/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
public class SessionsController {

    /**
     * One bound session; {@code streamManagement} is {@code off}, {@code connected} or
     * {@code hibernating} (connection lost, waiting for a XEP-0198 resumption).
     */
    public record SessionView(String jid, String username, String resource, String remoteAddress, String location,
                              String edgeAddress, boolean secure, Instant since, boolean available, int priority,
                              String streamManagement) {
    }

    private final SessionRegistry sessions;
    private final SessionLocations locations;
    private final AdminAudit audit;

    public SessionsController(SessionRegistry sessions, SessionLocations locations, AdminAudit audit) {
        this.sessions = sessions;
        this.locations = locations;
        this.audit = audit;
    }

    @GetMapping
    public List<SessionView> list() {
        return sessions.all().stream()
                .sorted(Comparator.comparing((ClientSession s) -> s.jid().toString()))
                .map(this::view)
                .toList();
    }

    /**
     * Closes a session with a {@code policy-violation} stream error. The full JID is one path
     * segment with its slash encoded ({@code alice@example.com%2Fphone}); an unencoded slash
     * is accepted too.
     */
    @DeleteMapping("/{*fullJid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> kick(@PathVariable String fullJid, ServerWebExchange exchange) {
        String text = fullJid.startsWith("/") ? fullJid.substring(1) : fullJid;
        Jid jid = Jid.tryParse(text).filter(Jid::isFull).orElse(null);
        if (jid == null) {
            return Mono.error(new ServerWebInputException("not a full JID: " + text));
        }
        ClientSession session = sessions.session(jid).orElse(null);
        if (session == null) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no session " + jid));
        }
        session.close(StreamError.of(StreamErrorCondition.POLICY_VIOLATION, "disconnected by an administrator"));
        return audit.record(UsersController.actor(exchange), "session.kick", jid.toString(), null,
                UsersController.source(exchange));
    }

    private SessionView view(ClientSession s) {
        return new SessionView(s.jid().toString(), s.username(), s.jid().resource(), host(s.remoteAddress()),
                locations.locationOf(s).tag(), host(s.edgeAddress()), s.isSecure(), s.since(), s.isAvailable(),
                s.priority(), streamManagement(s));
    }

    private static String host(java.net.InetSocketAddress address) {
        return address == null ? null
                : address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
    }

    private static String streamManagement(ClientSession s) {
        ManagedStream managed = StreamManagement.of(s);
        return managed == null ? "off" : im.tandem.session.SessionKinds.isPhantom(s) ? "phantom"
                : managed.isHibernating() ? "hibernating" : "connected";
    }
}
