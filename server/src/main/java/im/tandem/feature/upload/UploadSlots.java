package im.tandem.feature.upload;

import im.tandem.feature.upload.UploadMetrics.Reason;
import im.tandem.stanza.Jid;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.store.UploadStore;
import im.tandem.xml.Element;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Answers slot requests (XEP-0363 section 4): checks name, type, size, the per-minute rate and
 * the owner's quota, records the slot and returns its PUT and GET URLs; or the error the XEP
 * gives for each refusal ({@code file-too-large} with the maximum, {@code retry} for the rate).
 */
@Component
public class UploadSlots {

    public static final String NAMESPACE = "urn:xmpp:http:upload:0";
    private static final int MAX_TRACKED_USERS = 10_000;

    private record Window(long minute, int count) {
    }

    private final UploadProperties properties;
    private final UploadStore store;
    private final UploadUrls urls;
    private final UploadMetrics metrics;
    private final Clock clock;
    private final UploadPolicy policy;
    private final UploadSigner signer;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    public UploadSlots(UploadProperties properties, UploadStore store, UploadUrls urls, UploadMetrics metrics, Clock clock,
                       @Value("${tandem.data-dir:./data}") Path dataDir) {
        this.properties = properties;
        this.store = store;
        this.urls = urls;
        this.metrics = metrics;
        this.clock = clock;
        this.policy = new UploadPolicy(properties.allowedContentTypes());
        this.signer = UploadSigner.of(properties.secret(), dataDir);
    }

    /** The reply to {@code iq}, a slot request from the local account {@code owner}. */
    Mono<Element> request(Stanza iq, Jid owner) {
        Element request = iq.payload();
        String filename = request.attribute("filename");
        String problem = UploadPolicy.filenameProblem(filename);
        if (problem != null) {
            return refuse(iq, Reason.NOT_ACCEPTABLE, StanzaError.Condition.NOT_ACCEPTABLE, problem);
        }
        long size;
        try {
            size = Long.parseLong(request.attribute("size") == null ? "" : request.attribute("size"));
        } catch (NumberFormatException e) {
            return refuse(iq, Reason.NOT_ACCEPTABLE, StanzaError.Condition.BAD_REQUEST, "size must be a number of bytes");
        }
        if (size <= 0) {
            return refuse(iq, Reason.NOT_ACCEPTABLE, StanzaError.Condition.BAD_REQUEST, "size must be positive");
        }
        long max = properties.maxFileSize().toBytes();
        if (size > max) {
            metrics.rejected(Reason.TOO_LARGE);
            Element tooLarge = Element.builder("file-too-large", NAMESPACE)
                    .textChild("max-file-size", NAMESPACE, Long.toString(max)).build();
            return Mono.just(withApplicationError(iq, StanzaError.of(StanzaError.Condition.NOT_ACCEPTABLE,
                    "File too large. The maximum file size is " + max + " bytes"), tooLarge));
        }
        String type = UploadPolicy.normalizeType(request.attribute("content-type"));
        if (type == null) {
            return refuse(iq, Reason.NOT_ACCEPTABLE, StanzaError.Condition.BAD_REQUEST, "content-type is not a media type");
        }
        if (!policy.allows(type)) {
            return refuse(iq, Reason.NOT_ACCEPTABLE, StanzaError.Condition.NOT_ACCEPTABLE,
                    "files of type " + type + " are not accepted here");
        }
        Instant now = clock.instant();
        if (!withinRate(owner.toString(), now)) {
            metrics.rejected(Reason.RATE_LIMITED);
            Element retry = Element.builder("retry", NAMESPACE)
                    .attribute("stamp", now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES).toString()).build();
            return Mono.just(withApplicationError(iq, StanzaError.of(StanzaError.Condition.RESOURCE_CONSTRAINT,
                    "Too many slot requests. You can request " + properties.slotRequestsPerMinute() + " per minute"), retry));
        }
        String ownerName = owner.toString();
        return store.bytesOf(ownerName, now).flatMap(used -> {
            if (used + size > properties.quotaPerUser().toBytes()) {
                return refuse(iq, Reason.QUOTA, StanzaError.Condition.RESOURCE_CONSTRAINT,
                        "Quota exceeded: " + used + " of " + properties.quotaPerUser().toBytes() + " bytes in use");
            }
            String id = UploadSigner.newId();
            String urlName = UploadPolicy.urlName(filename);
            Instant expires = now.plus(properties.slotLifetime()).truncatedTo(ChronoUnit.SECONDS);
            String signature = signer.sign(id, urlName, size, type, expires.getEpochSecond());
            UploadStore.Row row = new UploadStore.Row(id, ownerName, filename, urlName, size, type,
                    UploadStore.State.PENDING, now, expires);
            return store.insert(row).then(Mono.fromSupplier(() -> {
                metrics.slotGranted();
                return iq.resultReply(Element.builder("slot", NAMESPACE)
                        .child(Element.builder("put", NAMESPACE)
                                .attribute("url", urls.put(id, urlName, expires.getEpochSecond(), signature)).build())
                        .child(Element.builder("get", NAMESPACE).attribute("url", urls.get(id, urlName)).build())
                        .build());
            }));
        });
    }

    /** Whether a PUT's {@code expires} and {@code signature} are the ones this slot was given. */
    boolean verifyPut(UploadStore.Row slot, long expires, String signature) {
        return expires == slot.expiresAt().getEpochSecond()
                && signer.verify(signature, slot.id(), slot.urlName(), slot.size(), slot.contentType(), expires);
    }

    private boolean withinRate(String owner, Instant now) {
        long minute = now.getEpochSecond() / 60;
        if (windows.size() >= MAX_TRACKED_USERS) {
            windows.values().removeIf(w -> w.minute() != minute);
            if (windows.size() >= MAX_TRACKED_USERS) {
                windows.clear();
            }
        }
        Window w = windows.compute(owner, (k, old) -> old == null || old.minute() != minute
                ? new Window(minute, 1) : new Window(minute, old.count() + 1));
        return w.count() <= properties.slotRequestsPerMinute();
    }

    private Mono<Element> refuse(Stanza iq, Reason reason, StanzaError.Condition condition, String text) {
        metrics.rejected(reason);
        return Mono.just(iq.errorReply(StanzaError.of(condition, text)));
    }

    /** An error reply whose {@code <error/>} carries an application-specific child (XEP-0363 section 4). */
    static Element withApplicationError(Stanza iq, StanzaError error, Element application) {
        Element reply = iq.errorReply(error);
        Element errorElement = reply.child("error", reply.namespace());
        return reply.withoutChildren(e -> e.name().equals("error")).withChild(errorElement.withChild(application));
    }
}
