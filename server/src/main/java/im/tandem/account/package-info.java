/**
 * User accounts: creation, deletion and password changes (credentials stored only as SCRAM
 * salted keys), the credential lookup SASL uses, and the first admin account.
 */
package im.tandem.account;
