/**
 * XEP-0092 Software Version 1.1: the server's name, version and operating system, and each
 * client's, asked once its entity capabilities say it answers (for the session report's device
 * types).
 */
package im.tandem.feature.version;
