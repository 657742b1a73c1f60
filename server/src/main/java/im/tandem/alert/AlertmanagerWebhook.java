package im.tandem.alert;

import im.tandem.admin.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.util.concurrent.Queues;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts each alert event to {@code tandem.capacity.alert.webhook-url} as an
 * {@link AlertmanagerPayload}, with Reactor Netty's HTTP client. Deliveries are queued (at most
 * {@value #QUEUE} waiting; more are dropped) and sent one after the other, in order, each within
 * the timeout; a failure (no connection, timeout, a status other than 2xx) is logged and counted
 * in {@link MeterNames#ALERT_WEBHOOK_DELIVERIES} and never retried, so a dead receiver costs the
 * engine nothing: {@link #accept} only queues.
 */
public class AlertmanagerWebhook implements Consumer<AlertEvent>, AutoCloseable {

    static final int QUEUE = 256;

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerWebhook.class);

    private final URI url;
    private final String where;
    private final Duration timeout;
    private final JsonMapper json;
    private final HttpClient http;
    private final Counter ok;
    private final Counter failed;
    private final Counter dropped;
    private final Sinks.Many<byte[]> queue = Sinks.many().unicast().onBackpressureBuffer(Queues.<byte[]>get(QUEUE).get());
    private final Disposable worker;

    public AlertmanagerWebhook(URI url, Duration timeout, JsonMapper json, MeterRegistry meters) {
        this.url = url;
        // the URL may carry a token in its query: the log shows where, not how
        this.where = url.getScheme() + "://" + (url.getHost() == null ? "" : url.getHost())
                + (url.getPort() < 0 ? "" : ":" + url.getPort()) + (url.getRawPath() == null ? "" : url.getRawPath());
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.create()
                .responseTimeout(timeout)
                .headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
        this.ok = counter(meters, "ok");
        this.failed = counter(meters, "failed");
        this.dropped = counter(meters, "dropped");
        this.worker = queue.asFlux().concatMap(this::post, 1).subscribe();
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder(MeterNames.ALERT_WEBHOOK_DELIVERIES).tag("result", result)
                .description("Alert notifications posted to the webhook").register(meters);
    }

    /** Queues the event for delivery; never blocks, never throws. */
    @Override
    public void accept(AlertEvent event) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(AlertmanagerPayload.of(event));
        } catch (RuntimeException e) {
            log.warn("alert webhook: cannot write {} {}", event.alert(), event.status(), e);
            failed.increment();
            return;
        }
        Sinks.EmitResult result;
        synchronized (queue) {
            result = queue.tryEmitNext(body);
        }
        if (result.isFailure()) {
            dropped.increment();
            log.warn("alert webhook {}: {} {} dropped ({})", where, event.alert(), event.status(), result);
        }
    }

    private Mono<Void> post(byte[] body) {
        return http.post().uri(url)
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                .responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
                .timeout(timeout)
                .doOnNext(status -> {
                    if (status >= 200 && status < 300) {
                        ok.increment();
                    } else {
                        failed.increment();
                        log.warn("alert webhook {} answered HTTP {}", where, status);
                    }
                })
                .onErrorResume(e -> {
                    failed.increment();
                    log.warn("alert webhook {} failed: {}", where, e.toString());
                    return Mono.empty();
                })
                .then();
    }

    @Override
    public void close() {
        worker.dispose();
    }
}
