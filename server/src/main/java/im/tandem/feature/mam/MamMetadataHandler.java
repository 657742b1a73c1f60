package im.tandem.feature.mam;

import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.store.ArchiveStore;
import im.tandem.xml.Element;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** XEP-0313 section 5 (archive metadata): the id and time of the owner's oldest and newest archived message. */
@Component
@ConditionalOnProperty(name = "tandem.mam.enabled", havingValue = "true", matchIfMissing = true)
public class MamMetadataHandler implements IqHandler {

    private final MessageArchive archive;

    public MamMetadataHandler(MessageArchive archive) {
        this.archive = archive;
    }

    @Override
    public String element() {
        return "metadata";
    }

    @Override
    public String namespace() {
        return MamFeature.NAMESPACE;
    }

    @Override
    public Set<IqTarget> targets() {
        return Set.of(IqTarget.OWN_ACCOUNT, IqTarget.OTHER_ACCOUNT);
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        if (!MamFeature.ownArchive(iq, session)) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.FORBIDDEN)));
        }
        if (!"get".equals(iq.type())) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST, "metadata is read with get")));
        }
        Mono<Optional<ArchiveStore.Row>> first = archive.edge(session.bareJid(), false).map(Optional::of)
                .defaultIfEmpty(Optional.empty());
        Mono<Optional<ArchiveStore.Row>> last = archive.edge(session.bareJid(), true).map(Optional::of)
                .defaultIfEmpty(Optional.empty());
        return Mono.zip(first, last).map(t -> {
            Element.Builder metadata = Element.builder("metadata", MamFeature.NAMESPACE);
            t.getT1().ifPresent(r -> metadata.child(edge("start", r)));
            t.getT2().ifPresent(r -> metadata.child(edge("end", r)));
            return iq.resultReply(metadata.build());
        });
    }

    private static Element edge(String name, ArchiveStore.Row row) {
        return Element.builder(name, MamFeature.NAMESPACE)
                .attribute("id", row.stanzaId())
                .attribute("timestamp", row.storedAt().truncatedTo(ChronoUnit.MILLIS).toString())
                .build();
    }
}
