package im.tandem.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the database lives: the configured R2DBC URL together with the JDBC URL that Flyway
 * uses for the same database, and the credentials for both.
 *
 * <p>Supported URLs (query options such as {@code user} and {@code password} are honoured;
 * explicit credentials given to {@link #of(String, String, String)} win over the URL's):
 * <ul>
 *   <li>{@code r2dbc:h2:file:///abs/path/name} or {@code r2dbc:h2:file:./rel/name} becomes
 *       {@code jdbc:h2:file:/abs/path/name} or {@code jdbc:h2:file:./rel/name};</li>
 *   <li>{@code r2dbc:h2:mem:///name} becomes {@code jdbc:h2:mem:name;DB_CLOSE_DELAY=-1}, so the
 *       in-memory database outlives the migration's JDBC connection;</li>
 *   <li>{@code r2dbc:postgresql://[user[:password]@]host[:port]/db[?options]} becomes
 *       {@code jdbc:postgresql://host[:port]/db}, keeping the schema and TLS options.</li>
 * </ul>
 * An {@code r2dbc:pool:} prefix is accepted and ignored for the derivation.
 *
 * @param kind      the database engine
 * @param r2dbcUrl  the R2DBC URL as configured
 * @param jdbcUrl   the equivalent JDBC URL, without credentials
 * @param username  the user to connect as, or {@code null} for the driver's default
 * @param password  the password, or {@code null}
 */
public record DatabaseLocation(Kind kind, String r2dbcUrl, String jdbcUrl, String username, String password) {

    /** The database engines Tandem runs on. */
    public enum Kind { H2, POSTGRESQL }

    private static final String H2_PREFIX = "r2dbc:h2:";
    private static final String JDBC_H2_PREFIX = "jdbc:h2:";
    private static final List<String> POSTGRES_PREFIXES = List.of("r2dbc:postgresql://", "r2dbc:postgres://");
    private static final String H2_DEFAULT_USER = "sa";

    /**
     * Parses an R2DBC URL.
     *
     * @param r2dbcUrl the {@code spring.r2dbc.url} value
     * @param username explicit user ({@code spring.r2dbc.username}), or {@code null}/blank
     * @param password explicit password ({@code spring.r2dbc.password}), or {@code null}
     * @throws IllegalArgumentException if the URL is not one of the supported forms
     */
    public static DatabaseLocation of(String r2dbcUrl, String username, String password) {
        if (r2dbcUrl == null || r2dbcUrl.isBlank()) {
            throw new IllegalArgumentException("Database URL is empty; set spring.r2dbc.url to "
                    + "r2dbc:h2:file:///path/name or r2dbc:postgresql://host:port/database");
        }
        String url = r2dbcUrl.trim();
        String unpooled = url.startsWith("r2dbc:pool:") ? "r2dbc:" + url.substring("r2dbc:pool:".length()) : url;
        if (unpooled.startsWith(H2_PREFIX)) {
            return h2(url, unpooled.substring(H2_PREFIX.length()), username, password);
        }
        for (String prefix : POSTGRES_PREFIXES) {
            if (unpooled.startsWith(prefix)) {
                return postgres(url, unpooled.substring(prefix.length()), username, password);
            }
        }
        throw unsupported(url, "unknown driver");
    }

    /** The H2 URL without its {@code jdbc:h2:} prefix, as the embedded R2DBC driver wants it. */
    public String h2Url() {
        if (kind != Kind.H2) {
            throw new IllegalStateException("not an H2 database: " + this);
        }
        return jdbcUrl.substring(JDBC_H2_PREFIX.length());
    }

    @Override
    public String toString() {
        return "DatabaseLocation[" + kind + ", " + redact(r2dbcUrl) + ", user=" + username + "]";
    }

    private static DatabaseLocation h2(String url, String rest, String username, String password) {
        int q = rest.indexOf('?');
        String base = q < 0 ? rest : rest.substring(0, q);
        Map<String, String> query = parseQuery(url, q < 0 ? "" : rest.substring(q + 1));
        String user = firstNonBlank(username, query.remove("user"), query.remove("username"), H2_DEFAULT_USER);
        String pass = firstNonNull(password, query.remove("password"), "");
        List<String> settings = new ArrayList<>();
        String options = query.remove("options");
        if (options != null) {
            for (String option : options.split(";")) {
                if (!option.isBlank()) {
                    settings.add(option.trim());
                }
            }
        }
        query.forEach((key, value) -> settings.add(key + "=" + value));

        String database;
        if (base.startsWith("file:")) {
            database = "file:" + filePath(url, base.substring("file:".length()));
        } else if (base.startsWith("mem:")) {
            String name = stripLeadingSlashes(base.substring("mem:".length()));
            if (name.isEmpty() || name.startsWith(";")) {
                throw unsupported(url, "in-memory database needs a name, e.g. r2dbc:h2:mem:///tandem");
            }
            database = "mem:" + name;
            if (!(database + ";" + String.join(";", settings)).toUpperCase(Locale.ROOT).contains("DB_CLOSE_DELAY=")) {
                settings.add("DB_CLOSE_DELAY=-1");
            }
        } else if (base.startsWith("tcp:")) {
            database = base;
        } else {
            throw unsupported(url, "H2 URLs must use file:, mem: or tcp:");
        }
        StringBuilder jdbc = new StringBuilder(JDBC_H2_PREFIX).append(database);
        settings.forEach(setting -> jdbc.append(';').append(setting));
        return new DatabaseLocation(Kind.H2, url, jdbc.toString(), user, pass);
    }

    /** {@code ///abs} is absolute, {@code //rel} and a bare {@code rel} are relative to the working directory. */
    private static String filePath(String url, String path) {
        String p;
        if (path.startsWith("///")) {
            p = path.substring(3);
            // "///C:/x" is a Windows drive path; "///srv/x" is the Unix path "/srv/x".
            p = p.matches("^[A-Za-z]:[/\\\\].*") ? p : "/" + p;
        } else if (path.startsWith("//")) {
            p = path.substring(2);
        } else {
            p = path;
        }
        if (p.isEmpty() || p.startsWith(";")) {
            throw unsupported(url, "file database needs a path, e.g. r2dbc:h2:file:///var/lib/tandem/tandem");
        }
        boolean explicit = p.startsWith("/") || p.startsWith(".") || p.startsWith("~")
                || p.matches("^[A-Za-z]:[/\\\\].*");
        // H2 refuses paths implicitly relative to the working directory; make that explicit.
        return explicit ? p : "./" + p;
    }

    private static DatabaseLocation postgres(String url, String rest, String username, String password) {
        int q = rest.indexOf('?');
        String hierarchy = q < 0 ? rest : rest.substring(0, q);
        Map<String, String> query = parseQuery(url, q < 0 ? "" : rest.substring(q + 1));
        int slash = hierarchy.indexOf('/');
        String authority = slash < 0 ? hierarchy : hierarchy.substring(0, slash);
        String database = slash < 0 ? "" : hierarchy.substring(slash + 1);
        String urlUser = null;
        String urlPassword = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            urlUser = decode(url, colon < 0 ? userInfo : userInfo.substring(0, colon));
            urlPassword = colon < 0 ? null : decode(url, userInfo.substring(colon + 1));
        }
        if (authority.isEmpty()) {
            throw unsupported(url, "PostgreSQL URLs need a host, e.g. r2dbc:postgresql://db:5432/tandem");
        }
        String user = firstNonBlank(username, query.remove("user"), query.remove("username"), urlUser);
        String pass = firstNonNull(password, query.remove("password"), urlPassword);

        List<String> params = new ArrayList<>();
        String schema = firstNonBlank(query.get("currentSchema"), query.get("schema"));
        if (schema != null) {
            params.add("currentSchema=" + schema);
        }
        String sslMode = query.get("sslMode");
        if (sslMode != null) {
            params.add("sslmode=" + sslMode.toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        if (query.get("sslRootCert") != null) {
            params.add("sslrootcert=" + query.get("sslRootCert"));
        }
        if (query.get("applicationName") != null) {
            params.add("ApplicationName=" + query.get("applicationName"));
        }
        String jdbc = "jdbc:postgresql://" + authority + "/" + database
                + (params.isEmpty() ? "" : "?" + String.join("&", params));
        return new DatabaseLocation(Kind.POSTGRESQL, url, jdbc, user, pass);
    }

    private static Map<String, String> parseQuery(String url, String query) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw unsupported(url, "malformed query option '" + pair + "'");
            }
            result.put(decode(url, pair.substring(0, eq)), decode(url, pair.substring(eq + 1)));
        }
        return result;
    }

    private static String decode(String url, String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unsupported(url, "malformed percent-encoding");
        }
    }

    private static String stripLeadingSlashes(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '/') {
            i++;
        }
        return s.substring(i);
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static IllegalArgumentException unsupported(String url, String why) {
        return new IllegalArgumentException("Unsupported database URL '" + redact(url) + "' (" + why
                + "); expected r2dbc:h2:file:///path/name, r2dbc:h2:mem:///name"
                + " or r2dbc:postgresql://host:port/database");
    }

    /** Hides a password in {@code user:password@host} and {@code password=} query options. */
    static String redact(String url) {
        return url.replaceAll("(//[^/:@?]*:)[^@/?]*@", "$1***@")
                .replaceAll("(?i)([?&;]password=)[^&;]*", "$1***");
    }
}
