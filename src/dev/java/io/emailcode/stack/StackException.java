package io.emailcode.stack;

/** A local-stack component could not be installed, started or reached; the message is meant for a person. */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
