package im.tandem.alert;

import im.tandem.store.ServiceParameterStore;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert settings in force and their persistence: at start, the stored settings (service
 * parameter {@value #PARAMETER}, JSON as in {@link AlertSettingsJson}) if an operator ever
 * changed them, else the configured ones. A change is validated, stored, and only then applied
 * to the {@link CapacityAlert}: a refused or failed change leaves everything as it was. Changes
 * run one at a time, so that the stored and the applied settings never differ.
 */
public class AlertSettingsService implements AutoCloseable {

    static final String PARAMETER = "alert.jsm-sessions-exceeds-threshold";

    private static final Logger log = LoggerFactory.getLogger(AlertSettingsService.class);

    private record Change(UnaryOperator<AlertSettings> operation, Sinks.One<AlertSettings> done) {
    }

    private final ServiceParameterStore store;
    private final JsonMapper json;
    private final CapacityAlert alert;
    private final Sinks.Many<Change> changes = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable worker;

    public AlertSettingsService(ServiceParameterStore store, JsonMapper json, CapacityAlert alert) {
        this.store = store;
        this.json = json;
        this.alert = alert;
        this.worker = changes.asFlux()
                .concatMap(change -> apply(change.operation())
                        .doOnNext(change.done()::tryEmitValue)
                        .doOnError(change.done()::tryEmitError)
                        .onErrorResume(e -> Mono.empty()), 1)
                .subscribe();
    }

    /** The stored settings over {@code configured}, or {@code configured} when none (or only invalid ones) are stored. */
    public static AlertSettings initial(ServiceParameterStore store, JsonMapper json, AlertSettings configured) {
        String stored = store.get(PARAMETER).blockOptional(Duration.ofSeconds(30)).orElse(null);
        if (stored == null) {
            return configured;
        }
        try {
            AlertSettings settings = AlertSettingsJson.merge(configured, json.readTree(stored));
            log.info("{} settings from the stored service parameter: {}", CapacityAlert.NAME, stored);
            return settings;
        } catch (JacksonException | InvalidAlertSettings e) {
            log.warn("stored {} settings are unreadable, using the configured ones: {}", CapacityAlert.NAME,
                    e.getMessage());
            return configured;
        }
    }

    public AlertSettings current() {
        return alert.settings();
    }

    /**
     * Changes the settings: {@code operation} gets the settings in force and returns the new
     * ones, or throws {@link InvalidAlertSettings}. Emits the settings applied.
     */
    public Mono<AlertSettings> change(UnaryOperator<AlertSettings> operation) {
        return Mono.defer(() -> {
            Sinks.One<AlertSettings> done = Sinks.one();
            Sinks.EmitResult result;
            synchronized (changes) {
                result = changes.tryEmitNext(new Change(operation, done));
            }
            if (result.isFailure()) {
                return Mono.error(new IllegalStateException("alert settings cannot be changed now: " + result));
            }
            return done.asMono();
        });
    }

    private Mono<AlertSettings> apply(UnaryOperator<AlertSettings> operation) {
        return Mono.fromCallable(() -> operation.apply(alert.settings()))
                .flatMap(next -> store.put(PARAMETER, json.writeValueAsString(AlertSettingsJson.toMap(next)))
                        .then(Mono.fromCallable(() -> {
                            alert.update(next);
                            log.info("{} settings changed: {}", CapacityAlert.NAME, AlertSettingsJson.toMap(next));
                            return next;
                        })));
    }

    @Override
    public void close() {
        worker.dispose();
    }
}
