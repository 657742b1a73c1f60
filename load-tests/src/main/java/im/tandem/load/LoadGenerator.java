package im.tandem.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar tandem-load.jar <scenario> [--option value ...]}. Scenarios: provision,
 * login-storm, idle-sessions, mdm-chat, quiet-churn, router-restart. Target options (any server):
 * {@code --host 127.0.0.1 --port 5223 --domain localhost --tls direct|starttls|none
 * --sources 127.0.0.1,127.0.0.2 --password ... --sasl SCRAM-SHA-1|SCRAM-SHA-256|PLAIN}; Tandem extras: {@code --http
 * http://127.0.0.1:5280 --admin-user admin --admin-password ...}. {@code --out file.json}
 * appends the result as one JSON line. The table goes to standard output.
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    public static void main(String[] argv) throws IOException {
        if (argv.length == 0) {
            System.err.println("usage: <provision|login-storm|idle-sessions|mdm-chat|quiet-churn|router-restart> [--option value ...]");
            System.exit(2);
        }
        String scenario = argv[0];
        Args args = new Args(argv, 1);
        List<InetSocketAddress> sources = new ArrayList<>();
        for (String s : args.get("sources", "127.0.0.1").split(",")) {
            sources.add(new InetSocketAddress(s.trim(), 0));
        }
        String http = args.get("http", "");
        Target target = new Target(args.get("host", "127.0.0.1"), args.integer("port", 5223), args.get("domain", "localhost"),
                args.get("tls", "direct"), sources, http.isEmpty() ? null : http, args.get("admin-user", "admin"),
                args.get("admin-password", ""), args.get("password", "load-test-password"),
                args.get("sasl", "SCRAM-SHA-1"));
        String out = args.get("out", "");
        Result result = switch (scenario) {
            case "provision" -> Provisioner.run(target, args);
            case "login-storm" -> LoginStorm.run(target, args);
            case "idle-sessions" -> IdleSessions.run(target, args);
            case "mdm-chat", "quiet-churn", "router-restart" -> MdmChat.run(target, args, scenario);
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
        System.out.println(result.table());
        if (!out.isEmpty()) {
            Files.writeString(Path.of(out), result.json() + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        System.exit(0);
    }
}
