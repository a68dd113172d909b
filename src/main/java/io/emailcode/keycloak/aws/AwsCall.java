package io.emailcode.keycloak.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * One finished AWS API call as our clients saw it, without SDK types: which service and operation, how it ended,
 * how long it took including the SDK's retries, and how many HTTP attempts it made.
 *
 * @param service   the service's lower-case name in the SDK, e.g. {@code dynamodb}, {@code ses}
 * @param operation the API operation, e.g. {@code UpdateItem}, {@code SendEmail}
 * @param attempts  HTTP attempts, the first one included (more than one means the SDK retried)
 */
public record AwsCall(String service, String operation, Outcome outcome, Duration duration, int attempts) {

    /** How a call ended. */
    public enum Outcome {
        /** AWS answered 2xx. */
        SUCCESS,
        /** AWS answered and refused: a 4xx other than throttling, such as a failed condition or a missing permission. */
        REJECTED,
        /** No usable answer: a 5xx, throttling after every retry, a timeout or an unreachable endpoint. */
        FAILED
    }

    public AwsCall {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
    }
}
