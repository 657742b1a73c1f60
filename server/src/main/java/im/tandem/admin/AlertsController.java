package im.tandem.admin;

import im.tandem.alert.AlertEvent;
import im.tandem.alert.AlertHistory;
import im.tandem.alert.AlertSettingsJson;
import im.tandem.alert.AlertSettingsService;
import im.tandem.alert.CapacityAlert;
import im.tandem.alert.InvalidAlertSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/alerts}: the raised alerts and the newest events (SPEC section 5), and
 * {@code /api/v1/alerts/jsm-sessions-exceeds-threshold}: the settings of the capacity alert,
 * in the JSON of {@link AlertSettingsJson}. A PUT changes the fields it gives; a refused one
 * answers 400 with the {@code field} at fault and changes nothing.
 */
@RestController
@RequestMapping(path = "/api/v1/alerts", produces = MediaType.APPLICATION_JSON_VALUE)
public class AlertsController {

    static final String SETTINGS_PATH = "/jsm-sessions-exceeds-threshold";
    static final int DEFAULT_LIMIT = 100;

    /** A raised alert: since when, its latest raise, and that raise's event. */
    public record ActiveAlert(String alert, String severity, Instant since, Instant lastRaisedAt, int repeat,
                              AlertEvent latest) {
    }

    /** The raised alerts and up to {@code limit} events, newest first. */
    public record AlertsView(List<ActiveAlert> active, List<AlertEvent> history) {
    }

    private final CapacityAlert alert;
    private final AlertSettingsService settings;
    private final AdminAudit audit;
    private final JsonMapper json;

    public AlertsController(CapacityAlert alert, AlertSettingsService settings, AdminAudit audit, JsonMapper json) {
        this.alert = alert;
        this.settings = settings;
        this.audit = audit;
        this.json = json;
    }

    @GetMapping
    public Mono<AlertsView> alerts(@RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        if (limit < 1 || limit > AlertHistory.CAPACITY) {
            return Mono.error(new ServerWebInputException("limit must be between 1 and " + AlertHistory.CAPACITY));
        }
        CapacityAlert.State state = alert.state();
        List<ActiveAlert> active = alert.activeEvent()
                .map(e -> List.of(new ActiveAlert(e.alert(), e.severity(), e.since(), e.time(), e.repeat(), e)))
                .orElse(List.of());
        return Mono.just(new AlertsView(state.active() ? active : List.of(), alert.history(limit)));
    }

    @GetMapping(SETTINGS_PATH)
    public Map<String, Object> settings() {
        return AlertSettingsJson.toMap(settings.current());
    }

    @PutMapping(path = SETTINGS_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, Object>> change(@RequestBody JsonNode body, ServerWebExchange exchange) {
        return settings.change(current -> AlertSettingsJson.merge(current, body))
                .map(AlertSettingsJson::toMap)
                .flatMap(applied -> audit.record(UsersController.actor(exchange), "alert.settings.set",
                                CapacityAlert.NAME, json.writeValueAsString(applied), UsersController.source(exchange))
                        .thenReturn(applied));
    }

    @ExceptionHandler(InvalidAlertSettings.class)
    public Mono<ResponseEntity<Object>> invalid(InvalidAlertSettings e, ServerWebExchange exchange) {
        return Mono.just(ApiExceptionHandler.problem(HttpStatus.BAD_REQUEST, e.getMessage(), exchange,
                Map.of("field", e.field())));
    }
}
