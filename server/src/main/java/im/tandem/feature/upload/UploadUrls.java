package im.tandem.feature.upload;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The PUT and GET URLs of a slot: {@code <base>/upload/<id>/<name>}, the PUT one with its
 * expiry and signature as query parameters. The base is {@code tandem.upload.public-url} or
 * {@code http://<tandem.domain>:<port>} with the port the HTTP server actually bound (so it
 * works with {@code server.port=0}), read when the first slot is made.
 */
@Component
public class UploadUrls {

    /** The path prefix of every upload URL; outside the admin API and its authentication. */
    public static final String PATH = "/upload/";

    private final UploadProperties properties;
    private final Environment environment;
    private final String serverDomain;
    private volatile String base;

    public UploadUrls(UploadProperties properties, Environment environment,
                      @org.springframework.beans.factory.annotation.Value("${tandem.domain:localhost}") String serverDomain) {
        this.properties = properties;
        this.environment = environment;
        this.serverDomain = serverDomain;
    }

    String base() {
        String b = base;
        if (b == null) {
            if (properties.publicUrl() != null && !properties.publicUrl().isBlank()) {
                b = properties.publicUrl().strip();
            } else {
                String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "5280"));
                b = "http://" + serverDomain + ":" + port;
            }
            while (b.endsWith("/")) {
                b = b.substring(0, b.length() - 1);
            }
            base = b;
        }
        return b;
    }

    String get(String id, String urlName) {
        return base() + PATH + id + "/" + urlName;
    }

    String put(String id, String urlName, long expiresEpochSecond, String signature) {
        return get(id, urlName) + "?expires=" + expiresEpochSecond + "&signature=" + signature;
    }
}
