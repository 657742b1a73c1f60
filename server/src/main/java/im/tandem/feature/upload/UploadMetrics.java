package im.tandem.feature.upload;

import im.tandem.admin.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The upload meters; rejections are tagged by a fixed set of reasons, never by user or file. */
@Component
public class UploadMetrics {

    /** Why a slot request or a PUT was refused. */
    enum Reason { TOO_LARGE, QUOTA, RATE_LIMITED, NOT_ACCEPTABLE, FORBIDDEN, BAD_UPLOAD }

    private final MeterRegistry meters;
    private final Counter slots;
    private final Counter files;
    private final Counter bytes;
    private final Counter expired;

    public UploadMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.slots = Counter.builder(MeterNames.UPLOAD_SLOTS).description("Upload slots handed out").register(meters);
        this.files = Counter.builder(MeterNames.UPLOAD_FILES).description("Files uploaded completely").register(meters);
        this.bytes = Counter.builder(MeterNames.UPLOAD_BYTES).baseUnit("bytes").description("Bytes uploaded").register(meters);
        this.expired = Counter.builder(MeterNames.UPLOAD_EXPIRED).description("Files and slots removed by the sweep")
                .register(meters);
        for (Reason r : Reason.values()) {
            rejectedCounter(r);
        }
    }

    private Counter rejectedCounter(Reason reason) {
        return Counter.builder(MeterNames.UPLOAD_REJECTED).tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                .description("Slot requests and uploads refused").register(meters);
    }

    void slotGranted() {
        slots.increment();
    }

    void uploaded(long size) {
        files.increment();
        bytes.increment(size);
    }

    void rejected(Reason reason) {
        rejectedCounter(reason).increment();
    }

    void expired() {
        expired.increment();
    }
}
