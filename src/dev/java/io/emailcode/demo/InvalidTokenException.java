package io.emailcode.demo;

/** A token failed verification; the message says which check, never the token itself. */
final class InvalidTokenException extends Exception {

    InvalidTokenException(String message) {
        super(message);
    }
}
