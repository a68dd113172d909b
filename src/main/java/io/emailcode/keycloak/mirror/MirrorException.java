package io.emailcode.keycloak.mirror;

/**
 * A mirror call failed. {@link #retryable()} separates what time can fix (throttling, outages, timeouts)
 * from what it cannot (a missing pool, a refused permission, an invalid attribute). The message names the
 * operation and the service's error code only, never request values.
 */
public class MirrorException extends RuntimeException {

    private final boolean retryable;

    public MirrorException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
