package io.emailcode.keycloak.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Server-level settings for one AWS service client, parsed once at server start.
 * Credentials are deliberately absent: they come only from the AWS default provider chain.
 *
 * @param region           region; empty means the SDK's default region chain (AWS_REGION, profile, instance metadata)
 * @param endpoint         endpoint override, for local emulators; empty means the service's regional endpoint
 * @param apiCallTimeout   bound on one API call including its retries
 * @param attemptTimeout   bound on one HTTP attempt
 * @param maxAttempts      attempts per call including the first; 1 turns SDK retries off
 */
public record AwsClientSettings(Optional<String> region, Optional<URI> endpoint, Duration apiCallTimeout,
                                Duration attemptTimeout, int maxAttempts) {

    public AwsClientSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        if (apiCallTimeout.isNegative() || apiCallTimeout.isZero()) {
            throw new IllegalArgumentException("api-call-timeout-ms must be positive");
        }
        if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
            throw new IllegalArgumentException("attempt-timeout-ms must be positive");
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("max-attempts must be between 1 and 10");
        }
    }

    /** The same client settings for another region. */
    public AwsClientSettings withRegion(String otherRegion) {
        return new AwsClientSettings(Optional.of(otherRegion), endpoint, apiCallTimeout, attemptTimeout, maxAttempts);
    }
}
