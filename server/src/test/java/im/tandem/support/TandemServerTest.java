package im.tandem.support;

import im.tandem.account.AccountService;
import im.tandem.tls.ServerTls;
import im.tandem.transport.C2sServer;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the end-to-end tests: the whole server in-process on free ports, its own data
 * directory (H2 file database, generated certificate), shared by every test class that
 * extends this one so the server starts once per run. Tests keep apart by using fresh
 * account names from {@link #newUsername}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tandem.c2s.port=0",
        "tandem.c2s.direct-tls-port=0",
        "tandem.component.port=0",
        "tandem.socks5.port=0",
        "tandem.component.components[0].domain=" + TandemServerTest.GATEWAY,
        "tandem.component.components[0].secret=" + TandemServerTest.GATEWAY_SECRET,
        "tandem.component.components[0].gateway=true",
        "tandem.component.components[1].domain=" + TandemServerTest.PUSH_SERVICE,
        "tandem.component.components[1].secret=" + TandemServerTest.PUSH_SECRET,
        "tandem.admin-password=" + TandemServerTest.ADMIN_PASSWORD,
        "tandem.accounts.min-password-length=8",
        "logging.level.im.tandem=INFO"
})
public abstract class TandemServerTest {

    public static final String DOMAIN = "localhost";
    public static final String ADMIN_PASSWORD = "admin-secret-123";
    public static final String PASSWORD = "correct horse battery";
    /** An interop gateway component every test server knows. */
    public static final String GATEWAY = "gateway.localhost";
    public static final String GATEWAY_SECRET = "gateway-secret-0123";
    /** A push app server component every test server knows. */
    public static final String PUSH_SERVICE = "push.localhost";
    public static final String PUSH_SECRET = "push-secret-0123";

    private static final Path DATA_DIR = Path.of("target", "it-data", UUID.randomUUID().toString());
    private static final AtomicInteger USERS = new AtomicInteger();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("tandem.data-dir", () -> DATA_DIR.toAbsolutePath().toString());
    }

    @Autowired
    protected C2sServer c2s;

    @Autowired
    protected im.tandem.component.ComponentServer componentServer;

    @Autowired
    protected ServerTls tls;

    @Autowired
    protected AccountService accounts;

    @LocalServerPort
    protected int httpPort;

    /** A username no other test uses. */
    protected static String newUsername(String hint) {
        return hint + "-" + USERS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** Creates an account with {@link #PASSWORD} and returns its username. */
    protected String createUser(String hint) {
        String username = newUsername(hint);
        accounts.create(username, PASSWORD, false).block();
        return username;
    }

    protected X509Certificate serverCertificate() {
        return tls.certificate().leaf();
    }

    protected XmppClients clients() {
        return new XmppClients(c2s.port(), c2s.directTlsPort(), serverCertificate());
    }

    /** Connects an external component (XEP-0114) and completes its handshake. */
    protected RawXmppClient component(String domain, String secret) throws java.io.IOException {
        return RawXmppClient.component(componentServer.port(), domain, secret);
    }

    protected RawXmppClient raw() throws java.io.IOException {
        return RawXmppClient.plain(c2s.port());
    }
}
