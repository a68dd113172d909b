package io.emailcode.keycloak.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What of an AWS failure may go into a message or a log line: the error code and request id, never the SDK's
 * message, which can echo request values (addresses, attribute values). Both come from the endpoint, so they
 * are also cut to a harmless shape.
 */
public final class AwsErrors {

    private static final int MAX_TOKEN = 64;

    private AwsErrors() {
    }

    /** AWS's error code, e.g. {@code ProvisionedThroughputExceededException}, or {@code unknown}. */
    public static String code(AwsServiceException e) {
        return token(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode());
    }

    /** The request id AWS gave the failed call, or {@code unknown}. */
    public static String requestId(AwsServiceException e) {
        return token(e.requestId());
    }

    /** Cuts a value that came from AWS to a harmless shape for a log line. */
    public static String token(String value) {
        if (value == null || value.isBlank()) {
            return "unknown";
        }
        String cleaned = value.replaceAll("[^A-Za-z0-9._:-]", "");
        return cleaned.length() > MAX_TOKEN ? cleaned.substring(0, MAX_TOKEN) : cleaned;
    }
}
