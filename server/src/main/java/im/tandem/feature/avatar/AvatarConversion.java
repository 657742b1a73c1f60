package im.tandem.feature.avatar;

import im.tandem.feature.XmppFeature;
import im.tandem.feature.pep.PepChangeListener;
import im.tandem.feature.pep.PepNotifier;
import im.tandem.feature.pubsub.AccessModel;
import im.tandem.feature.pubsub.NodeConfig;
import im.tandem.feature.pubsub.PubsubNode;
import im.tandem.feature.pubsub.PubsubNodes;
import im.tandem.feature.vcard.VCardFeature;
import im.tandem.feature.vcard.VCardListener;
import im.tandem.stanza.Jid;
import im.tandem.store.VCardStore;
import im.tandem.store.XmlFragments;
import im.tandem.xml.Element;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Converts between XEP-0084 avatars and the vCard PHOTO (XEP-0398). Each direction writes the
 * other store directly, so a conversion never triggers the reverse one; a vCard photo already
 * published (same SHA-1) is not published again.
 */
@Component
public class AvatarConversion implements XmppFeature, VCardListener, PepChangeListener {

    public static final String DATA = "urn:xmpp:avatar:data";
    public static final String METADATA = "urn:xmpp:avatar:metadata";
    public static final String CONVERSION = "urn:xmpp:pep-vcard-conversion:0";

    private static final Logger log = LoggerFactory.getLogger(AvatarConversion.class);
    // vCards are readable by anyone here, so the avatar converted from one is too
    private static final Map<String, List<String>> NODE_OPTIONS = Map.of(
            NodeConfig.ACCESS_MODEL, List.of("open"), NodeConfig.MAX_ITEMS, List.of("1"));

    private final String domain;
    private final PubsubNodes nodes;
    private final PepNotifier notifier;
    private final VCardStore vcards;

    public AvatarConversion(@Value("${tandem.domain:localhost}") String domain, PubsubNodes nodes,
                            PepNotifier notifier, VCardStore vcards) {
        this.domain = domain;
        this.nodes = nodes;
        this.notifier = notifier;
        this.vcards = vcards;
    }

    @Override
    public List<String> accountFeatures() {
        return List.of(CONVERSION);
    }

    /** XEP-0084 metadata published: the vCard's PHOTO follows. */
    @Override
    public Mono<Void> itemsChanged(PubsubNode node) {
        if (!METADATA.equals(node.name())) {
            return Mono.empty();
        }
        String username = Jid.parse(node.owner()).local();
        return nodes.lastItem(node).flatMap(item -> {
            Element info = item.payload() == null ? null : item.payload().child("info", METADATA);
            if (info == null || info.attribute("id") == null || info.attribute("url") != null) {
                return writePhoto(username, null, null);
            }
            return nodes.node(node.service(), DATA)
                    .flatMap(data -> nodes.items(data, List.of(info.attribute("id"))).next())
                    .flatMap(data -> data.payload() == null ? Mono.empty()
                            : writePhoto(username, info.attribute("type"), data.payload().text().strip()));
        }).onErrorResume(e -> {
            log.debug("avatar of {} not converted to the vCard", username, e);
            return Mono.empty();
        });
    }

    private Mono<Void> writePhoto(String username, String type, String binval) {
        return vcards.get(username).map(XmlFragments::parse)
                .defaultIfEmpty(Element.of(VCardFeature.ELEMENT, VCardFeature.NAMESPACE))
                .flatMap(vcard -> {
                    Element.Builder updated = vcard.withoutChildren(e -> e.is("PHOTO", VCardFeature.NAMESPACE)).toBuilder();
                    if (binval != null) {
                        updated.child(Element.builder("PHOTO", VCardFeature.NAMESPACE)
                                .textChild("TYPE", VCardFeature.NAMESPACE, type == null ? "image/png" : type)
                                .textChild("BINVAL", VCardFeature.NAMESPACE, binval).build());
                    }
                    Element result = updated.build();
                    return result.elements().isEmpty() ? vcards.delete(username).then()
                            : vcards.put(username, XmlFragments.serialize(result));
                });
    }

    /** A vCard stored: its PHOTO is published as the XEP-0084 avatar. */
    @Override
    public Mono<Void> stored(String username, Element vcard) {
        Element photo = vcard.child("PHOTO", VCardFeature.NAMESPACE);
        String binval = photo == null ? null : photo.childText("BINVAL", VCardFeature.NAMESPACE);
        if (binval == null || binval.isBlank()) {
            return Mono.empty();
        }
        String base64 = binval.replaceAll("\\s", "");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Mono.empty();
        }
        String id = sha1(bytes);
        String type = photo.childText("TYPE", VCardFeature.NAMESPACE);
        String service = Jid.of(username, domain, null).toString();
        Element data = Element.builder("data", DATA).text(base64).build();
        Element metadata = Element.builder("metadata", METADATA).child(Element.builder("info", METADATA)
                .attribute("bytes", Integer.toString(bytes.length)).attribute("id", id)
                .attribute("type", type == null || type.isBlank() ? "image/png" : type.strip()).build()).build();
        return nodes.node(service, METADATA).flatMap(nodes::lastItem).map(item -> item.id().equals(id)).defaultIfEmpty(false)
                .flatMap(same -> same ? Mono.<Void>empty()
                        : publish(service, username, DATA, id, data).then(publish(service, username, METADATA, id, metadata)))
                .onErrorResume(e -> {
                    log.debug("vCard photo of {} not published as an avatar", username, e);
                    return Mono.empty();
                });
    }

    private Mono<Void> publish(String service, String username, String node, String id, Element payload) {
        return nodes.node(service, node).hasElement()
                .flatMap(exists -> nodes.publish(service, username, service, node, id, payload,
                        exists ? null : NODE_OPTIONS, AccessModel.OPEN))
                .flatMap(published -> notifier.published(published.node(), published.item()));
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
