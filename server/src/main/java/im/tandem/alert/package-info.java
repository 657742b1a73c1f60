/**
 * The device capacity alert {@code JSMSessionsExceedsThreshold} (SPEC section 4): its settings
 * (enable flag, threshold, sustain time, frequency, schedule; configured, changed over REST and
 * persisted), the engine that watches the node's load on the server clock and raises, repeats
 * and clears the alert, the bounded event history, and the optional Alertmanager-format webhook.
 * The REST endpoints live in {@code im.tandem.admin}.
 */
package im.tandem.alert;
