package im.tandem.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * Creates the load-test accounts {@code <prefix>0 .. <prefix>N-1} through Tandem's admin REST
 * API ({@code POST /api/v1/users}), a few requests at a time; an account that exists already
 * counts as done, so a second run reuses the first one's accounts.
 */
final class Provisioner {

    private Provisioner() {
    }

    static Result run(Target target, Args args) {
        String prefix = args.get("prefix", "load");
        int users = args.integer("users", 1000);
        int concurrency = args.integer("concurrency", 4);
        args.checkAllUsed();
        if (target.http() == null) {
            throw new IllegalArgumentException("provisioning needs --http (Tandem's HTTP base URL)");
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString(
                (target.adminUser() + ":" + target.adminPassword()).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.create().responseTimeout(Duration.ofSeconds(60))
                .headers(h -> h.set("Authorization", auth).set("Content-Type", "application/json"));
        AtomicInteger created = new AtomicInteger();
        AtomicInteger existed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        Flux.range(0, users)
                .flatMap(i -> http.post().uri(target.http() + "/api/v1/users")
                        .send(ByteBufFlux.fromString(Mono.just("{\"username\":\"" + prefix + i + "\",\"password\":\""
                                + target.password() + "\"}")))
                        .response()
                        .map(r -> r.status().code())
                        .onErrorReturn(-1)
                        .doOnNext(code -> {
                            if (code == 201 || code == 200) {
                                created.incrementAndGet();
                            } else if (code == 409) {
                                existed.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                        }), concurrency)
                .blockLast(Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result("provision", args.effective())
                .put("created", created.get())
                .put("already_there", existed.get())
                .put("failed", failed.get())
                .put("seconds", Math.round(seconds * 10) / 10.0)
                .put("accounts_per_s", Math.round(users / seconds));
    }
}
