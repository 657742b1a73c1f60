/**
 * SOCKS5 Bytestreams, XEP-0065 version 1.8.2, the proxy ("mediated connection", section 6): the
 * service {@code proxy.<domain>} tells local users its streamhost, a Reactor Netty listener on
 * {@code tandem.socks5.port} takes the SOCKS5 connections of target and initiator (no
 * authentication, CONNECT to the DOMAINNAME SHA1(SID + initiator JID + target JID)), pairs them
 * by that hash, and relays bytes between them once the initiator activates the stream. Reads
 * follow writes (auto-read off while the other side cannot take more), so a slow reader slows
 * the writer instead of filling memory.
 */
package im.tandem.feature.socks5;
