package im.tandem.feature;

/** A service discovery identity (XEP-0030 section 3.1). */
public record DiscoIdentity(String category, String type, String name) {
}
