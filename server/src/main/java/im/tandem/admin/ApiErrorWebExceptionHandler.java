package im.tandem.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details for errors under {@code /api/} that no controller saw: no such path (404),
 * wrong method (405) and the like are raised while choosing a handler, before
 * {@link ApiExceptionHandler} can apply. Runs before Spring Boot's error handler.
 */
@Component
@Order(-2)
public class ApiErrorWebExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorWebExceptionHandler.class);

    private final JsonMapper json;

    public ApiErrorWebExceptionHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/api/") || exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = "the request could not be completed";
        if (ex instanceof ErrorResponse error) {
            HttpStatus resolved = HttpStatus.resolve(error.getStatusCode().value());
            status = resolved == null ? status : resolved;
            detail = error.getBody().getDetail();
            exchange.getResponse().getHeaders().addAll(error.getHeaders());
        } else {
            log.warn("admin API request {} {} failed", exchange.getRequest().getMethod(), path, ex);
        }
        return AdminProblems.write(exchange, json, status, detail);
    }
}
