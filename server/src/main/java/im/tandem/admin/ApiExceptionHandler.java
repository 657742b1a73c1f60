package im.tandem.admin;

import im.tandem.account.AccountException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error of the REST API as RFC 9457 problem details: Spring's own exceptions (malformed
 * JSON 400, 404, 405, 406, 415) through the base class, account errors mapped to 400/404/409,
 * anything unexpected to a 500 that reveals nothing.
 */
@RestControllerAdvice(basePackages = "im.tandem")
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(AccountException.class)
    public Mono<ResponseEntity<Object>> account(AccountException e, ServerWebExchange exchange) {
        HttpStatus status = switch (e.reason()) {
            case INVALID_USERNAME, WEAK_PASSWORD -> HttpStatus.BAD_REQUEST;
            case EXISTS -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        return Mono.just(problem(status, e.getMessage(), exchange));
    }

    @ExceptionHandler(Exception.class)
    public Mono<ResponseEntity<Object>> unexpected(Exception e, ServerWebExchange exchange) {
        log.warn("admin API request {} {} failed", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), e);
        return Mono.just(problem(HttpStatus.INTERNAL_SERVER_ERROR, "the request could not be completed", exchange));
    }

    /**
     * Spring leaves {@code type} out when it is {@code about:blank}; the body is written as a map
     * so that every problem carries all five members.
     */
    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                                  HttpStatusCode status, ServerWebExchange exchange) {
        String detail = body instanceof ProblemDetail p ? p.getDetail() : ex.getMessage();
        HttpHeaders merged = new HttpHeaders();
        if (headers != null) {
            merged.putAll(headers);
        }
        merged.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return Mono.just(new ResponseEntity<>(body(status, detail, exchange), merged, status));
    }

    static ResponseEntity<Object> problem(HttpStatusCode status, String detail, ServerWebExchange exchange) {
        return problem(status, detail, exchange, Map.of());
    }

    /** A problem with extension members (RFC 9457 section 3.2), e.g. the {@code field} a validation refused. */
    static ResponseEntity<Object> problem(HttpStatusCode status, String detail, ServerWebExchange exchange,
                                          Map<String, ?> extensions) {
        Map<String, Object> body = body(status, detail, exchange);
        body.putAll(extensions);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static Map<String, Object> body(HttpStatusCode status, String detail, ServerWebExchange exchange) {
        Map<String, Object> body = new LinkedHashMap<>();
        HttpStatus known = HttpStatus.resolve(status.value());
        body.put("type", "about:blank");
        body.put("title", known == null ? "Error" : known.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", exchange.getRequest().getPath().value());
        return body;
    }
}
