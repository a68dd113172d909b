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

    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

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

    /** Reads the options shared by every client ({@code region}, {@code endpoint}, timeouts, attempts). */
    public static AwsClientSettings from(ServerOptions options) {
        return new AwsClientSettings(
                options.text("region"),
                options.text("endpoint").map(AwsClientSettings::endpointUri),
                options.millis("api-call-timeout-ms", DEFAULT_API_CALL_TIMEOUT),
                options.millis("attempt-timeout-ms", DEFAULT_ATTEMPT_TIMEOUT),
                options.integer("max-attempts", DEFAULT_MAX_ATTEMPTS));
    }

    private static URI endpointUri(String value) {
        URI uri = URI.create(value);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an absolute http(s) URL, got: " + value);
        }
        return uri;
    }
}
