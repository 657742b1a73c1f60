/**
 * XEP-0050 Ad-Hoc Commands 1.3 with the service administration commands of XEP-0133 1.3
 * (add-user, delete-user, change-user-password, get-online-users-list, announce), for admin
 * accounts only. Commands are single-stage: {@code execute} returns the whole form, the
 * submitted form completes the command.
 */
package im.tandem.feature.adhoc;
