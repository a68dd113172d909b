package io.emailcode.keycloak.aws;

/**
 * Hears of every AWS API call our clients make ({@link AwsClients} installs the SDK interceptor that reports them), so
 * the Keycloak glue can count calls and their latency without seeing an SDK type.
 */
@FunctionalInterface
public interface AwsCallListener {

    AwsCallListener NONE = call -> {
    };

    /** Called once per API call, on the calling thread, after the SDK's last attempt; must be quick and never throw. */
    void called(AwsCall call);
}
