package io.emailcode.keycloak.aws;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Describes, for Keycloak's option metadata, the options every AWS client of ours reads through
 * {@link AwsClientSettings#from}: one description, so each service's options read alike.
 */
public final class AwsClientOptions {

    private AwsClientOptions() {
    }

    /**
     * @param service         how operators know the service, e.g. "SES"
     * @param endpointExample a local emulator's URL, e.g. http://localhost:8005
     */
    public static ProviderConfigurationBuilder describe(ProviderConfigurationBuilder builder, String service, String endpointExample) {
        return builder
                .property().name("region").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("AWS region of " + service + ". Default: the AWS SDK's region chain (AWS_REGION, profile, instance metadata).").add()
                .property().name("endpoint").type(ProviderConfigProperty.STRING_TYPE)
                .helpText(service + " endpoint override, e.g. " + endpointExample + " for a local emulator. Default: the regional endpoint.").add()
                .property().name("api-call-timeout-ms").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(AwsClientSettings.DEFAULT_API_CALL_TIMEOUT.toMillis())
                .helpText("Bound on one " + service + " call including SDK retries, in milliseconds.").add()
                .property().name("attempt-timeout-ms").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(AwsClientSettings.DEFAULT_ATTEMPT_TIMEOUT.toMillis())
                .helpText("Bound on one HTTP attempt to " + service + ", in milliseconds.").add()
                .property().name("max-attempts").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(AwsClientSettings.DEFAULT_MAX_ATTEMPTS)
                .helpText("Attempts per call including the first (1-10); throttling and transient errors are retried with backoff. 1 turns SDK retries off.").add();
    }
}
