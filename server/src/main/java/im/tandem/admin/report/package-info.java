/**
 * The user session report for device capacity monitoring (SPEC section 4): users by number of
 * devices at cluster, sub-cluster and node level, a per-user drill-down per node with device
 * types (from entity caps, XEP-0115 and XEP-0030, and software version, XEP-0092), locations,
 * login times and stream states, as JSON and as spreadsheet-safe RFC 4180 CSV over
 * {@code /api/v1/reports/user-sessions}.
 */
package im.tandem.admin.report;
