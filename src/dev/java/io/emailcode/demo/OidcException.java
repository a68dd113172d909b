package io.emailcode.demo;

/** Keycloak could not be reached or refused a request; the message is shown to the person, escaped. */
final class OidcException extends RuntimeException {

    OidcException(String message) {
        super(message);
    }
}
