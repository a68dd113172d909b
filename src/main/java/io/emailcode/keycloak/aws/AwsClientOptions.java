package io.emailcode.keycloak.aws;

import io.emailcode.keycloak.settings.IntOption;
import io.emailcode.keycloak.settings.Option;
import io.emailcode.keycloak.settings.ServerOptions;
import io.emailcode.keycloak.settings.TextOption;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The server options every AWS client of ours reads (region, endpoint, timeouts, attempts): described once and
 * worded for the service they configure, so each service's options read alike.
 */
public final class AwsClientOptions {

    static final int DEFAULT_API_CALL_TIMEOUT_MS = 5_000;
    static final int DEFAULT_ATTEMPT_TIMEOUT_MS = 2_000;
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    private static final int MAX_TIMEOUT_MS = 600_000;

    private final TextOption region;
    private final TextOption endpoint;
    private final IntOption apiCallTimeout;
    private final IntOption attemptTimeout;
    private final IntOption maxAttempts;

    /**
     * @param service         how operators know the service, e.g. "SES"
     * @param endpointExample a local emulator's URL, e.g. http://localhost:8005
     */
    public AwsClientOptions(String service, String endpointExample) {
        region = TextOption.any("region", "AWS region of " + service
                + ". Default: the AWS SDK's region chain (AWS_REGION, profile, instance metadata).", null);
        endpoint = TextOption.checked("endpoint", service + " endpoint override, e.g. " + endpointExample
                + " for a local emulator. Default: the regional endpoint.", null, AwsClientOptions::isAbsoluteUrl,
                "an absolute http(s) URL");
        apiCallTimeout = IntOption.range("api-call-timeout-ms", "API call timeout (ms)",
                "Bound on one " + service + " call including SDK retries, in milliseconds.", DEFAULT_API_CALL_TIMEOUT_MS, 1, MAX_TIMEOUT_MS);
        attemptTimeout = IntOption.range("attempt-timeout-ms", "Attempt timeout (ms)",
                "Bound on one HTTP attempt to " + service + ", in milliseconds.", DEFAULT_ATTEMPT_TIMEOUT_MS, 1, MAX_TIMEOUT_MS);
        maxAttempts = IntOption.range("max-attempts", "Attempts per call", "Attempts per call including the first (1-10); "
                + "throttling and transient errors are retried with backoff. 1 turns SDK retries off.", DEFAULT_MAX_ATTEMPTS, 1, 10);
    }

    public List<Option<?>> all() {
        return List.of(region, endpoint, apiCallTimeout, attemptTimeout, maxAttempts);
    }

    public AwsClientSettings read(ServerOptions options) {
        return new AwsClientSettings(options.find(region), options.find(endpoint).map(URI::create),
                Duration.ofMillis(options.get(apiCallTimeout)), Duration.ofMillis(options.get(attemptTimeout)),
                options.get(maxAttempts));
    }

    private static boolean isAbsoluteUrl(String value) {
        try {
            URI uri = URI.create(value);
            return uri.getScheme() != null && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
