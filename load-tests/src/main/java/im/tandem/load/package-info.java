/**
 * A load generator for XMPP servers: many client sessions from one process on Reactor Netty,
 * each a few kilobytes of state and a string scanner instead of a full client library, so that
 * the generator stays cheaper than the server it measures. It targets any server by host, port
 * and domain; a few scenarios also use Tandem's admin REST API and metrics where given.
 * Every scenario is bounded in sessions and time and stops by itself.
 */
package im.tandem.load;
