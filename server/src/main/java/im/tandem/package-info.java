/** Tandem, a reactive XMPP server with multi-device messaging: the Spring Boot entry point. */
package im.tandem;
