package im.tandem.routing;

import reactor.core.publisher.Mono;

/** Whether an account exists on this server, for addressing rules that differ for unknown users. */
public interface UserDirectory {

    Mono<Boolean> exists(String username);
}
