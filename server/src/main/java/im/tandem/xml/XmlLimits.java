package im.tandem.xml;

/**
 * What one peer may send: the largest stanza in bytes, the deepest nesting inside a stanza,
 * the most attributes on one element. Exceeding any of them is a {@code policy-violation}
 * stream error.
 *
 * @param maxStanzaBytes bytes of one top-level element, including its children
 * @param maxDepth nesting depth below the stream element (a stanza is depth 1)
 * @param maxAttributes attributes on one element
 */
public record XmlLimits(int maxStanzaBytes, int maxDepth, int maxAttributes) {

    public static final XmlLimits DEFAULT = new XmlLimits(256 * 1024, 32, 64);

    public XmlLimits {
        if (maxStanzaBytes < 1024 || maxDepth < 4 || maxAttributes < 8) {
            throw new IllegalArgumentException("XML limits too small to carry XMPP: " + maxStanzaBytes
                    + " bytes, depth " + maxDepth + ", " + maxAttributes + " attributes");
        }
    }
}
