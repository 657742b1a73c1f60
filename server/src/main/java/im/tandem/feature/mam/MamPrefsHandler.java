package im.tandem.feature.mam;

import im.tandem.feature.IqHandler;
import im.tandem.feature.IqTarget;
import im.tandem.session.ClientSession;
import im.tandem.stanza.Stanza;
import im.tandem.stanza.StanzaError;
import im.tandem.xml.Element;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** XEP-0313 section 6: reads and replaces the owner's archiving preferences. */
@Component
@ConditionalOnProperty(name = "tandem.mam.enabled", havingValue = "true", matchIfMissing = true)
public class MamPrefsHandler implements IqHandler {

    private final ArchivePreferences preferences;
    private final MamProperties properties;

    public MamPrefsHandler(ArchivePreferences preferences, MamProperties properties) {
        this.preferences = preferences;
        this.properties = properties;
    }

    @Override
    public String element() {
        return "prefs";
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
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.FORBIDDEN,
                    "only the owner may see or change archiving preferences")));
        }
        if ("get".equals(iq.type())) {
            return preferences.of(session.bareJid()).map(p -> iq.resultReply(p.toElement()));
        }
        ArchivePrefs prefs;
        try {
            prefs = ArchivePrefs.parse(iq.payload(), properties.maxPrefJids());
        } catch (ArchivePrefs.InvalidPrefs e) {
            return Mono.just(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST, e.getMessage())));
        }
        return preferences.set(session.bareJid(), prefs).map(p -> iq.resultReply(p.toElement()));
    }
}
