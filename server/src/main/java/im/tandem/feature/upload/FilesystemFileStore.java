package im.tandem.feature.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Files under {@code <tandem.data-dir>/uploads}, one per slot id. A write goes to
 * {@code <id>.part} and is moved into place only when complete.
 */
public class FilesystemFileStore implements FileStore {

    private final Path root;

    public FilesystemFileStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + this.root, e);
        }
    }

    private Path file(String id, String suffix) {
        if (!UploadSigner.isId(id)) {
            throw new IllegalArgumentException("not a slot id");
        }
        Path path = root.resolve(id + suffix).normalize();
        if (!root.equals(path.getParent())) {
            throw new IllegalArgumentException("not a slot id");
        }
        return path;
    }

    @Override
    public Mono<Long> write(String id, Flux<DataBuffer> body, long maxBytes) {
        return Mono.defer(() -> {
            Path part = file(id, ".part");
            Path done = file(id, "");
            AtomicLong count = new AtomicLong();
            Flux<DataBuffer> counted = body.map(buffer -> {
                if (count.addAndGet(buffer.readableByteCount()) > maxBytes) {
                    DataBufferUtils.release(buffer);
                    throw new TooLargeException();
                }
                return buffer;
            });
            // DataBufferUtils.write releases each buffer once written and asks for the next only then
            return DataBufferUtils.write(counted, part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)
                    .then(Mono.fromCallable(() -> {
                        Files.move(part, done, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        return count.get();
                    }).subscribeOn(Schedulers.boundedElastic()))
                    .onErrorResume(e -> Mono.fromCallable(() -> Files.deleteIfExists(part))
                            .subscribeOn(Schedulers.boundedElastic())
                            .onErrorResume(ignored -> Mono.just(false))
                            .then(Mono.error(e)))
                    .doOnCancel(() -> {
                        try {
                            Files.deleteIfExists(part);
                        } catch (IOException ignored) {
                            // the sweep removes the slot; a stray part file is overwritten by nobody
                        }
                    });
        });
    }

    @Override
    public Mono<Resource> read(String id) {
        return Mono.fromCallable(() -> {
            Path path = file(id, "");
            return Files.isRegularFile(path) ? (Resource) new FileSystemResource(path) : null;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<Void> delete(String id) {
        return Mono.fromCallable(() -> {
            Files.deleteIfExists(file(id, ".part"));
            return Files.deleteIfExists(file(id, ""));
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }
}
