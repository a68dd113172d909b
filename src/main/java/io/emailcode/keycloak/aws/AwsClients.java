package io.emailcode.keycloak.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Applies {@link AwsClientSettings} to an SDK client builder: one place that decides region, endpoint,
 * credentials (default chain only), timeouts, retries and the HTTP client for every service we call.
 * Clients are built once per server by the provider factories and closed with them. Every call a client makes is
 * reported to the given {@link AwsCallListener} (count, outcome, latency, attempts).
 */
public final class AwsClients {

    private AwsClients() {
    }

    /** A client whose calls nobody counts (tests and tools). */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, AwsClientSettings settings) {
        return build(builder, settings, AwsCallListener.NONE);
    }

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, AwsClientSettings settings,
                                                                                          AwsCallListener calls) {
        return build(builder, settings, calls, DefaultCredentialsProvider.builder().build());
    }

    /** As the real clients, with other credentials: {@link Rehearsal}'s clients sign with throwaway ones. */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, AwsClientSettings settings,
                                                                                   AwsCallListener calls,
                                                                                   AwsCredentialsProvider credentials) {
        settings.region().map(Region::of).ifPresent(builder::region);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder
                .credentialsProvider(credentials)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(settings.attemptTimeout())
                        .socketTimeout(settings.attemptTimeout()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(settings.apiCallTimeout())
                        .apiCallAttemptTimeout(settings.attemptTimeout())
                        // Standard mode retries throttling and transient errors with jittered backoff.
                        .retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(settings.maxAttempts()))
                        .addExecutionInterceptor(new AwsCallInterceptor(calls))
                        .build())
                .build();
    }
}
