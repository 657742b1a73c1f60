package im.tandem.feature.upload;

import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where uploaded files are kept, by slot id only (ids are checked to be
 * {@link UploadSigner#newId() slot ids}; a name from a request never reaches the store). Another
 * implementation (object storage) replaces the file system one as a bean.
 */
public interface FileStore {

    /**
     * Streams {@code body} into the file {@code id}, chunk by chunk, never holding it whole. Fails
     * with {@link TooLargeException} as soon as more than {@code maxBytes} arrive; the number of
     * bytes written otherwise. Nothing is visible under {@code id} unless the write completed.
     */
    Mono<Long> write(String id, Flux<DataBuffer> body, long maxBytes);

    /** The file {@code id} for reading, or empty when there is none. */
    Mono<Resource> read(String id);

    /** Removes the file {@code id} if it exists. */
    Mono<Void> delete(String id);

    /** More bytes arrived than the slot allows. */
    final class TooLargeException extends RuntimeException {
        public TooLargeException() {
            super("more bytes than the slot allows", null, false, false);
        }
    }
}
