package im.tandem.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problem details directly to a response, for the places that answer before
 * any controller runs (the authentication filter) or outside the API's error handler (file upload).
 */
public final class AdminProblems {

    private AdminProblems() {
    }

    /** An RFC 9457 problem document's members, for a response written outside the controllers' handler. */
    public static Map<String, Object> body(ServerWebExchange exchange, HttpStatus status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", exchange.getRequest().getPath().value());
        return body;
    }

    static Mono<Void> write(ServerWebExchange exchange, JsonMapper json, HttpStatus status, String detail) {
        Map<String, Object> body = body(exchange, status, detail);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        byte[] bytes = json.writeValueAsBytes(body);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
