/**
 * XEP-0030 Service Discovery 2.5 and the server side of XEP-0115 Entity Capabilities 1.6:
 * disco#info and disco#items assembled from every {@link im.tandem.feature.XmppFeature}, and
 * the server's caps hash advertised in stream features.
 */
package im.tandem.feature.disco;
