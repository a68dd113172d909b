package io.emailcode.stack;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider's server options for the local emulators: where the code table, SES, Cognito and the mirror's queue
 * are (and, in the environment, the demo realm's user pool). The mirror's SDK retries are off (the emulator answers unsupported calls with HTTP 500) and
 * its retries are quick, so tests see a retry within seconds. Code emails leave 10 to 100 ms after the request
 * instead of 50 ms to 1 s, so the demo's inbox shows a code at once and tests wait less for each one (the timing
 * tests wait for every email to be out before each request they time, so the range does not enter their figures).
 */
public record ProviderOptions(URI dynamodb, URI ses, URI cognito, String userPoolId, URI queue, String codeTable,
                              String queueTable) {

    /** The variable the demo realm's export takes its user pool id from. */
    public static final String DEMO_POOL_VARIABLE = "COGNITO_USER_POOL_ID";

    public static ProviderOptions of(URI dynamodb, URI ses, URI cognito, String userPoolId, URI queue) {
        return new ProviderOptions(dynamodb, ses, cognito, userPoolId, queue, LocalStack.TABLE, LocalStack.MIRROR_QUEUE_TABLE);
    }

    /** The same, with the mirror calling Cognito through {@code endpoint} (e.g. a node's own counting proxy). */
    public ProviderOptions withCognito(URI endpoint) {
        return new ProviderOptions(dynamodb, ses, endpoint, userPoolId, queue, codeTable, queueTable);
    }

    /** The same, with tables of their own (a second Keycloak next to the stack's must not share its queue). */
    public ProviderOptions withTables(String codes, String mirrorQueue) {
        return new ProviderOptions(dynamodb, ses, cognito, userPoolId, queue, codes, mirrorQueue);
    }

    /**
     * The environment of Keycloak's process: {@code base} and the demo realm's user pool, which its export names as
     * {@code ${COGNITO_USER_POOL_ID}} (each realm chooses its pool; Keycloak resolves the placeholder at import).
     */
    public Map<String, String> environment(Map<String, String> base) {
        Map<String, String> environment = new HashMap<>(base);
        environment.put(DEMO_POOL_VARIABLE, userPoolId);
        return Map.copyOf(environment);
    }

    public List<String> asOptions() {
        return List.of(
                "--spi-authenticator--email-code--send-delay-min-ms=10",
                "--spi-authenticator--email-code--send-delay-max-ms=100",
                "--spi-email-code-store--dynamodb--endpoint=" + dynamodb,
                "--spi-email-code-store--dynamodb--region=us-east-1",
                "--spi-email-code-store--dynamodb--table=" + codeTable,
                "--spi-email-code-store--dynamodb--create-table=true",
                "--spi-email-sender--ses--endpoint=" + ses,
                "--spi-email-sender--ses--region=us-east-1",
                "--spi-cognito-mirror--cognito--mirroring=true",
                "--spi-cognito-mirror--cognito--endpoint=" + cognito,
                "--spi-cognito-mirror--cognito--region=us-east-1",
                "--spi-cognito-mirror--cognito--max-attempts=1",
                "--spi-cognito-mirror--cognito--queue-endpoint=" + queue,
                "--spi-cognito-mirror--cognito--queue-region=us-east-1",
                "--spi-cognito-mirror--cognito--queue-table=" + queueTable,
                "--spi-cognito-mirror--cognito--queue-create-table=true",
                "--spi-cognito-mirror--cognito--retry-base-ms=1000",
                "--spi-cognito-mirror--cognito--retry-max-ms=4000",
                "--spi-cognito-mirror--cognito--reconcile-interval-ms=2000");
    }
}
