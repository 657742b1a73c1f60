/**
 * Operations: the admin REST API under {@code /api/v1}, audit logging, meter names and
 * actuator contributions.
 */
package im.tandem.admin;
