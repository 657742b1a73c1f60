package im.tandem.sasl;

import reactor.core.publisher.Mono;

/** Finds the credentials of an account by the username a client authenticates as. */
@FunctionalInterface
public interface CredentialLookup {

    /**
     * @param username the authentication identity as the client sent it (SCRAM's {@code =2C} and
     *     {@code =3D} escapes already undone); not case-folded or otherwise prepared, since how
     *     names compare is the account store's rule
     * @return the account, or an empty Mono if there is no such account; an error Mono makes
     *     the negotiation fail with {@link SaslFailure#TEMPORARY_AUTH_FAILURE}
     */
    Mono<UserCredentials> find(String username);
}
