/** XEP-0199 XMPP Ping 2.0.1: the server answers pings; it pings idle clients itself (see the c2s keepalive). */
package im.tandem.feature.ping;
