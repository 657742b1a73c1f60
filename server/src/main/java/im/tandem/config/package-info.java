/** Server-wide configuration properties and Spring wiring that belongs to no single feature. */
package im.tandem.config;
