/**
 * Push notifications, XEP-0357 version 0.4.1: a client enables a push service (app server JID
 * and node, with publish-options) for its device; the server notifies the app server, an
 * external component on 5275 here, when that device should be woken: its session is a phantom
 * (push-enabled, connection dropped, kept for resumption up to {@code tandem.push.phantom-lifetime})
 * and a message is queued for it, its quiet session (XEP-0352) flushes for a message, or it
 * has no session and a message went to offline storage. Never for a device that is connected
 * and active, and never for a carbon copy of a message another device of the user got.
 */
package im.tandem.feature.push;
