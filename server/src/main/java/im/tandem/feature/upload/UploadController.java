package im.tandem.feature.upload;

import im.tandem.feature.upload.UploadMetrics.Reason;
import im.tandem.store.UploadStore;
import im.tandem.store.UploadStore.State;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The HTTP side of the upload service on the server's HTTP port: {@code PUT} of a slot's
 * signed URL, streamed into the {@link FileStore}, and {@code GET}/{@code HEAD} of its GET URL
 * (ranges through Spring's resource writer). Errors are RFC 9457 problems. These paths carry no
 * admin credentials: the slot's signature (PUT) and its unguessable id (GET) are the authority.
 */
@RestController
public class UploadController {

    /** How long an upload may take once begun, beyond the slot's own lifetime, before the sweep treats it as abandoned. */
    private static final Duration UPLOAD_GRACE = Duration.ofHours(1);

    private final UploadProperties properties;
    private final UploadStore store;
    private final FileStore files;
    private final UploadSlots slots;
    private final UploadMetrics metrics;
    private final Clock clock;

    public UploadController(UploadProperties properties, UploadStore store, FileStore files, UploadSlots slots,
                            UploadMetrics metrics, Clock clock) {
        this.properties = properties;
        this.store = store;
        this.files = files;
        this.slots = slots;
        this.metrics = metrics;
        this.clock = clock;
    }

    @PutMapping(UploadUrls.PATH + "{id}/{name}")
    public Mono<ResponseEntity<Object>> put(@PathVariable String id, @PathVariable String name,
                                            @RequestParam(required = false) String expires,
                                            @RequestParam(required = false) String signature,
                                            ServerWebExchange exchange) {
        if (!properties.enabled() || !UploadSigner.isId(id)) {
            return Mono.just(problem(HttpStatus.NOT_FOUND, "no such upload slot", exchange));
        }
        return store.find(id)
                .filter(slot -> slot.urlName().equals(name))
                .flatMap(slot -> checkedPut(slot, expires, signature, exchange))
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    metrics.rejected(Reason.FORBIDDEN);
                    return problem(HttpStatus.NOT_FOUND, "no such upload slot", exchange);
                }));
    }

    private Mono<ResponseEntity<Object>> checkedPut(UploadStore.Row slot, String expires, String signature,
                                                    ServerWebExchange exchange) {
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires == null ? "" : expires);
        } catch (NumberFormatException e) {
            return reject(Reason.FORBIDDEN, HttpStatus.FORBIDDEN, "the upload URL is not signed", exchange);
        }
        if (!slots.verifyPut(slot, expiresAt, signature)) {
            return reject(Reason.FORBIDDEN, HttpStatus.FORBIDDEN, "the upload URL's signature is wrong", exchange);
        }
        Instant now = clock.instant();
        if (slot.state() != State.PENDING) {
            return reject(Reason.FORBIDDEN, HttpStatus.FORBIDDEN, "this upload slot has been used", exchange);
        }
        if (!now.isBefore(slot.expiresAt())) {
            return reject(Reason.FORBIDDEN, HttpStatus.FORBIDDEN, "this upload slot has expired", exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        long length = request.getHeaders().getContentLength();
        if (length < 0) {
            return reject(Reason.BAD_UPLOAD, HttpStatus.LENGTH_REQUIRED, "Content-Length is required", exchange);
        }
        if (length > slot.size()) {
            return reject(Reason.TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE,
                    "the slot is for " + slot.size() + " bytes", exchange);
        }
        if (length != slot.size()) {
            return reject(Reason.BAD_UPLOAD, HttpStatus.BAD_REQUEST,
                    "Content-Length must be the slot's size, " + slot.size(), exchange);
        }
        String header = request.getHeaders().getFirst("Content-Type");
        String type = header == null ? UploadPolicy.DEFAULT_TYPE : UploadPolicy.normalizeType(header);
        if (!slot.contentType().equals(type)) {
            return reject(Reason.BAD_UPLOAD, HttpStatus.BAD_REQUEST,
                    "Content-Type must be the slot's, " + slot.contentType(), exchange);
        }
        return store.transition(slot.id(), State.PENDING, State.UPLOADING, slot.expiresAt().plus(UPLOAD_GRACE))
                .flatMap(claimed -> claimed ? receive(slot, exchange)
                        : reject(Reason.FORBIDDEN, HttpStatus.FORBIDDEN, "this upload slot has been used", exchange));
    }

    private Mono<ResponseEntity<Object>> receive(UploadStore.Row slot, ServerWebExchange exchange) {
        return files.write(slot.id(), exchange.getRequest().getBody(), slot.size())
                .flatMap(written -> {
                    if (written != slot.size()) {
                        return discard(slot).then(reject(Reason.BAD_UPLOAD, HttpStatus.BAD_REQUEST,
                                "the body is shorter than the slot's size", exchange));
                    }
                    return store.transition(slot.id(), State.UPLOADING, State.STORED,
                                    clock.instant().plus(properties.expireAfter()))
                            .map(stored -> {
                                metrics.uploaded(written);
                                return ResponseEntity.status(HttpStatus.CREATED).<Object>build();
                            });
                })
                .onErrorResume(FileStore.TooLargeException.class, e -> discard(slot).then(reject(Reason.TOO_LARGE,
                        HttpStatus.CONTENT_TOO_LARGE, "the slot is for " + slot.size() + " bytes", exchange)))
                .onErrorResume(e -> !(e instanceof FileStore.TooLargeException), e -> discard(slot)
                        .then(Mono.just(problem(HttpStatus.INTERNAL_SERVER_ERROR, "the upload could not be stored", exchange))));
    }

    /** A failed upload spends its slot: file and row go. */
    private Mono<Void> discard(UploadStore.Row slot) {
        return files.delete(slot.id()).onErrorResume(e -> Mono.empty()).then(store.delete(slot.id()));
    }

    @GetMapping(UploadUrls.PATH + "{id}/{name}")
    public Mono<ResponseEntity<Object>> get(@PathVariable String id, @PathVariable String name, ServerWebExchange exchange) {
        if (!properties.enabled() || !UploadSigner.isId(id)) {
            return Mono.just(problem(HttpStatus.NOT_FOUND, "no such file", exchange));
        }
        Instant now = clock.instant();
        return store.find(id)
                .filter(f -> f.state() == State.STORED && f.urlName().equals(name) && now.isBefore(f.expiresAt()))
                .flatMap(f -> files.read(f.id()).map(resource -> serve(f, resource, exchange)))
                .switchIfEmpty(Mono.fromSupplier(() -> problem(HttpStatus.NOT_FOUND, "no such file", exchange)));
    }

    private ResponseEntity<Object> serve(UploadStore.Row file, Resource resource, ServerWebExchange exchange) {
        String etag = "\"" + file.id() + "\"";
        if (exchange.checkNotModified(etag, file.createdAt())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        boolean inline = UploadPolicy.isInline(file.contentType());
        ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(file.filename(), StandardCharsets.UTF_8).build();
        Duration left = Duration.between(clock.instant(), file.expiresAt());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .eTag(etag)
                .lastModified(file.createdAt())
                .cacheControl(CacheControl.maxAge(left.isNegative() ? Duration.ZERO : left).cachePrivate())
                .header("Content-Disposition", disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Referrer-Policy", "no-referrer")
                .body(resource);
    }

    private Mono<ResponseEntity<Object>> reject(Reason reason, HttpStatus status, String detail, ServerWebExchange exchange) {
        metrics.rejected(reason);
        return Mono.just(problem(status, detail, exchange));
    }

    static ResponseEntity<Object> problem(HttpStatus status, String detail, ServerWebExchange exchange) {
        Map<String, Object> body = im.tandem.admin.AdminProblems.body(exchange, status, detail);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore()).body(body);
    }
}
