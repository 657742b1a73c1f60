/**
 * Reactor Netty listeners, the incremental XML stream decoder (Aalto in non-blocking mode),
 * the stanza encoder and the names of the channel pipeline handlers.
 */
package im.tandem.transport;
