package im.tandem.feature.mam;

import im.tandem.admin.MeterNames;
import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.feature.XmppFeature;
import im.tandem.feature.adhoc.DataForm;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Advertises XEP-0313 and XEP-0359 on accounts and answers archive queries: a get returns the
 * query form, a set sends one {@code <result/>} message per archived message to the asking
 * session and then the {@code <fin/>}. Only the archive's owner may query it.
 */
@Component
@ConditionalOnProperty(name = "tandem.mam.enabled", havingValue = "true", matchIfMissing = true)
public class MamFeature implements XmppFeature, IqHandler {

    public static final String NAMESPACE = "urn:xmpp:mam:2";
    public static final String EXTENDED = "urn:xmpp:mam:2#extended";

    private final MessageArchive archive;
    private final MamProperties properties;
    private final Counter answered;
    private final Counter refused;

    public MamFeature(MessageArchive archive, MamProperties properties, MeterRegistry meters) {
        this.archive = archive;
        this.properties = properties;
        this.answered = Counter.builder(MeterNames.MAM_QUERIES).tag("result", "ok")
                .description("Archive queries answered").register(meters);
        this.refused = Counter.builder(MeterNames.MAM_QUERIES).tag("result", "error")
                .description("Archive queries answered").register(meters);
    }

    @Override
    public List<String> accountFeatures() {
        return List.of(NAMESPACE, EXTENDED, StanzaIds.NAMESPACE);
    }

    @Override
    public String element() {
        return "query";
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public Set<IqTarget> targets() {
        return Set.of(IqTarget.OWN_ACCOUNT, IqTarget.OTHER_ACCOUNT);
    }

    @Override
    public Mono<Element> handle(Stanza iq, ClientSession session) {
        if (!ownArchive(iq, session)) {
            refused.increment();
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.FORBIDDEN,
                    "only the owner may use an archive")));
        }
        if ("get".equals(iq.type())) {
            return Mono.just(iq.resultReply(Element.builder("query", NAMESPACE).child(queryForm()).build()));
        }
        ArchiveQuery query;
        try {
            query = ArchiveQuery.parse(iq.payload(), properties.defaultPageSize(), properties.maxPageSize());
        } catch (ArchiveQuery.InvalidQuery e) {
            refused.increment();
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST, e.getMessage())));
        }
        return archive.query(session.bareJid(), query)
                .map(page -> {
                    for (var row : page.rows()) {
                        session.send(ArchiveResults.result(row, query.queryId(), session.bareJid(), session.jid()));
                    }
                    answered.increment();
                    return iq.resultReply(ArchiveResults.fin(page));
                })
                .onErrorResume(MessageArchive.UnknownId.class, e -> {
                    refused.increment();
                    return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.ITEM_NOT_FOUND, e.getMessage())));
                });
    }

    /** Whether the request is addressed to the requester's own archive. */
    static boolean ownArchive(Stanza iq, ClientSession session) {
        return iq.to() == null || iq.to().equals(session.bareJid());
    }

    /** XEP-0313 section 4.1.1: the fields a query may use. */
    static Element queryForm() {
        Element.Builder x = Element.builder("x", DataForm.NAMESPACE).attribute("type", "form");
        x.child(DataForm.field("FORM_TYPE", "hidden", null, false, List.of(NAMESPACE)));
        x.child(DataForm.field("with", "jid-single", "With", false));
        x.child(DataForm.field("start", "text-single", "Start", false));
        x.child(DataForm.field("end", "text-single", "End", false));
        x.child(DataForm.field("before-id", "text-single", "Before ID", false));
        x.child(DataForm.field("after-id", "text-single", "After ID", false));
        x.child(DataForm.field("ids", "text-multi", "IDs", false));
        return x.build();
    }
}
