/**
 * The XML element model used for every stanza: immutable {@link im.tandem.xml.Element} trees,
 * the {@link im.tandem.xml.XmlWriter} that serializes them with correct escaping, and the
 * {@link im.tandem.xml.XmlLimits} that bound what a peer may send.
 */
package im.tandem.xml;
