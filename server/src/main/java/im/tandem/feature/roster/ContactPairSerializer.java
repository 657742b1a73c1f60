package im.tandem.feature.roster;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs roster changes that touch the items of two users for each other one after another,
 * so that a subscription request crossing its answer never loses an update (the store does
 * read-modify-write per item). Different pairs run in parallel.
 *
 * <p>A change, once started, runs to its end even if the requesting stream goes away (its
 * processing is then cancelled): it spans two users' items, and stopping half-way would leave
 * them disagreeing.
 */
final class ContactPairSerializer {

    private final Map<String, Mono<Void>> tails = new HashMap<>();

    <T> Mono<T> run(String userA, String userB, Supplier<Mono<T>> work) {
        String key = userA.compareTo(userB) <= 0 ? userA + '\n' + userB : userB + '\n' + userA;
        return Mono.defer(() -> {
            Sinks.Empty<Void> done = Sinks.empty();
            Mono<Void> mine = done.asMono();
            Mono<Void> previous;
            synchronized (tails) {
                previous = tails.getOrDefault(key, Mono.empty());
                tails.put(key, mine);
            }
            Mono<T> change = previous.then(Mono.defer(work)).doFinally(signal -> {
                synchronized (tails) {
                    if (tails.get(key) == mine) {
                        tails.remove(key);
                    }
                }
                done.tryEmitEmpty();
            });
            return Mono.fromFuture(change::toFuture, true);
        });
    }
}
