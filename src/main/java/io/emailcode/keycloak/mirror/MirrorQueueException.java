package io.emailcode.keycloak.mirror;

/** The queue of pending mirror changes could not be reached. The message names the operation and error code only. */
public class MirrorQueueException extends RuntimeException {

    public MirrorQueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
