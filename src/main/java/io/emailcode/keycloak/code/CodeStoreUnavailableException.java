package io.emailcode.keycloak.code;

/** The code store could not be reached or answered with an error. Carries no code and no address. */
public class CodeStoreUnavailableException extends RuntimeException {

    public CodeStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
