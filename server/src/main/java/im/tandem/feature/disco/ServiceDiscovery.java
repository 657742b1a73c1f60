package im.tandem.feature.disco;

import im.tandem.feature.DiscoIdentity;
import im.tandem.feature.XmppFeature;
import im.tandem.xml.Element;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What the server and its accounts say about themselves: identities and features gathered
 * from the features in the context, and the XEP-0115 verification string over them.
 */
@Component
public class ServiceDiscovery implements im.tandem.routing.RouterRestartListener {

    public static final String INFO = "http://jabber.org/protocol/disco#info";
    public static final String ITEMS = "http://jabber.org/protocol/disco#items";
    public static final String CAPS = "http://jabber.org/protocol/caps";
    /** Node of the server's caps: identifies the software, per XEP-0115 section 4. */
    public static final String CAPS_NODE = "https://github.com/tandem-im/tandem";

    private static final Comparator<DiscoIdentity> IDENTITY_ORDER = Comparator
            .comparing(DiscoIdentity::category).thenComparing(DiscoIdentity::type)
            .thenComparing(i -> i.name() == null ? "" : i.name());

    private final ObjectProvider<XmppFeature> features;
    private volatile Element serverInfo;
    private volatile String serverVer;

    public ServiceDiscovery(ObjectProvider<XmppFeature> features) {
        this.features = features;
    }

    /** The server's disco#info query (without node). */
    public Element serverInfo() {
        Element info = serverInfo;
        if (info == null) {
            List<DiscoIdentity> identities = new ArrayList<>();
            identities.add(new DiscoIdentity("server", "im", "Tandem"));
            TreeSet<String> vars = new TreeSet<>(List.of(INFO, ITEMS));
            features.orderedStream().forEach(f -> {
                identities.addAll(f.serverIdentities());
                vars.addAll(f.serverFeatures());
            });
            identities.sort(IDENTITY_ORDER);
            info = query(null, identities, vars);
            serverVer = capsVer(identities, vars);
            serverInfo = info;
        }
        return info;
    }

    /** Service parameters may change what features say (carbons with MDM): build the answer anew. */
    @Override
    public void routerRestarting() {
        serverInfo = null;
    }

    /** The disco#info of a user account (bare JID), as the server answers on its behalf. */
    public Element accountInfo() {
        TreeSet<String> vars = new TreeSet<>(List.of(INFO, ITEMS));
        List<DiscoIdentity> identities = new ArrayList<>(List.of(new DiscoIdentity("account", "registered", null)));
        features.orderedStream().forEach(f -> {
            vars.addAll(f.accountFeatures());
            identities.addAll(f.accountIdentities());
        });
        return query(null, identities, vars);
    }

    /** The XEP-0115 verification string of {@link #serverInfo()}. */
    public String serverCapsVer() {
        serverInfo();
        return serverVer;
    }

    static Element query(String node, List<DiscoIdentity> identities, Iterable<String> vars) {
        Element.Builder q = Element.builder("query", INFO).attribute("node", node);
        for (DiscoIdentity identity : identities) {
            q.child(Element.builder("identity", INFO).attribute("category", identity.category())
                    .attribute("type", identity.type()).attribute("name", identity.name()).build());
        }
        for (String var : vars) {
            q.child(Element.builder("feature", INFO).attribute("var", var).build());
        }
        return q.build();
    }

    /** XEP-0115 section 5.1 over identities and features (no data forms here). */
    public static String capsVer(List<DiscoIdentity> identities, Iterable<String> sortedVars) {
        StringBuilder s = new StringBuilder();
        List<String> idStrings = new ArrayList<>();
        for (DiscoIdentity i : identities) {
            idStrings.add(i.category() + "/" + i.type() + "//" + (i.name() == null ? "" : i.name()));
        }
        idStrings.sort(Comparator.naturalOrder());
        idStrings.forEach(id -> s.append(id).append('<'));
        sortedVars.forEach(v -> s.append(v).append('<'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
