/** XEP-0092 Software Version 1.1: the server's name, version and operating system. */
package im.tandem.feature.version;
