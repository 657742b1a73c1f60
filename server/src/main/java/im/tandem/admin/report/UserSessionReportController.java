package im.tandem.admin.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * {@code /api/v1/reports/user-sessions} (SPEC section 5): the user session report, and
 * {@code /nodes/{node}/users} the per-user drill-down of one node. JSON by default; CSV with
 * {@code ?format=csv}, or with {@code Accept: text/csv} when no {@code format} is given and
 * JSON is not preferred. CSV comes as an attachment named after the report and its time.
 */
@RestController
@RequestMapping("/api/v1/reports/user-sessions")
public class UserSessionReportController {

    /** {@code text/csv} as written: UTF-8, with the header row present (RFC 4180 section 3). */
    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final UserSessionReports reports;

    public UserSessionReportController(UserSessionReports reports) {
        this.reports = reports;
    }

    @GetMapping
    public ResponseEntity<?> summary(@RequestParam(required = false) String format, ServerWebExchange exchange) {
        boolean csv = wantsCsv(format, exchange);
        UserSessionReport report = reports.summary();
        if (!csv) {
            return json(report);
        }
        return csv(UserSessionCsv.summary(report), "user-sessions-" + FILE_TIME.format(report.generatedAt()));
    }

    @GetMapping("/nodes/{node}/users")
    public ResponseEntity<?> nodeUsers(@PathVariable String node, @RequestParam(required = false) String format,
                                       ServerWebExchange exchange) {
        boolean csv = wantsCsv(format, exchange);
        NodeUsersReport report = reports.nodeUsers(node)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no node named " + node
                        + " in the cluster; nodes: " + String.join(", ", reports.nodes())));
        if (!csv) {
            return json(report);
        }
        return csv(UserSessionCsv.users(report),
                "user-sessions-" + fileSafe(report.node()) + "-" + FILE_TIME.format(report.generatedAt()));
    }

    /**
     * CSV when {@code format} says so, JSON when it says that; without it, CSV when the Accept
     * header asks for {@code text/csv} at least as much as for JSON.
     */
    static boolean wantsCsv(String format, ServerWebExchange exchange) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new ServerWebInputException("format must be json or csv");
            };
        }
        List<MediaType> accepted;
        try {
            accepted = exchange.getRequest().getHeaders().getAccept();
        } catch (InvalidMediaTypeException e) {
            throw new ServerWebInputException("the Accept header is not valid");
        }
        double csv = 0;
        double json = 0;
        for (MediaType type : accepted) {
            if (type.getType().equalsIgnoreCase("text") && type.getSubtype().equalsIgnoreCase("csv")) {
                csv = Math.max(csv, type.getQualityValue());
            } else if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                json = Math.max(json, type.getQualityValue());
            }
        }
        return csv > 0 && csv >= json;
    }

    private static ResponseEntity<?> json(Object body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    private static ResponseEntity<?> csv(String body, String name) {
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name + ".csv").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A node name as it may appear in a file name: letters, digits, dot, dash and underscore. */
    static String fileSafe(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "node" : safe;
    }
}
