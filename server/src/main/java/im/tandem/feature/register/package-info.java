/**
 * XEP-0077 In-Band Registration 2.4: creating an account before authentication, and changing
 * the password or removing one's own account after. Off unless {@code tandem.register.enabled};
 * registrations are limited per source address.
 */
package im.tandem.feature.register;
