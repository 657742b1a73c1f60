/**
 * Server side of SASL authentication for client streams (RFC 6120 section 6).
 *
 * <p>Mechanisms: SCRAM-SHA-1 and SCRAM-SHA-1-PLUS (RFC 5802), SCRAM-SHA-256 and
 * SCRAM-SHA-256-PLUS (RFC 7677), and PLAIN (RFC 4616). {@link im.tandem.sasl.SaslMechanisms}
 * lists what to advertise and starts one {@link im.tandem.sasl.SaslNegotiation} per attempt;
 * each client message yields a {@link im.tandem.sasl.SaslStep}: a challenge, a success or a
 * failure carrying one of the {@link im.tandem.sasl.SaslFailure} conditions of RFC 6120
 * section 6.5. Negotiations never throw on hostile input; they answer with a failure.
 *
 * <p>Passwords are never stored: {@link im.tandem.sasl.ScramCredentials} keeps only the salt,
 * iteration count, StoredKey and ServerKey of RFC 5802, which is enough to run SCRAM and to
 * check a plaintext password (PLAIN, HTTP Basic for admins). Accounts are found through a
 * {@link im.tandem.sasl.CredentialLookup} so this package knows no store.
 * {@link im.tandem.sasl.LoginThrottle} slows down password guessing per account and per
 * source address.
 */
package im.tandem.sasl;
