package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.aws.AwsClientOptions;
import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.settings.FlagOption;
import io.emailcode.keycloak.settings.IntOption;
import io.emailcode.keycloak.settings.Option;
import io.emailcode.keycloak.settings.ServerOptions;
import io.emailcode.keycloak.settings.TextOption;
import io.emailcode.keycloak.spi.ProviderIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Server options of the Cognito mirror ({@code --spi-cognito-mirror--cognito--<option>}), parsed once at start: what
 * is the operator's (whether the server mirrors at all, endpoints, timeouts, the queue); each realm chooses its pool
 * in its "Amazon Cognito" provider. Credentials come from the AWS default chain only. The queue table has its own region and
 * endpoint ({@code queue-region}, {@code queue-endpoint}), since it is another service; its client takes the
 * Cognito client's timeouts and attempts.
 *
 * @param enabled           whether realms may mirror at all; off, nothing is built and no realm mirrors
 * @param cognito           default region, endpoint, timeouts and SDK attempts of the Cognito clients
 * @param queueTable        DynamoDB table of pending mirror changes
 * @param createQueueTable  create it at start when missing; for local development only
 * @param queue             region and endpoint of the queue's DynamoDB client, with the Cognito client's timeouts
 * @param retryBase         first wait after a failed mirror call
 * @param retryMax          longest wait between two attempts
 * @param reconcileInterval how often one node of the cluster retries what is due and works on a due drift repair
 */
public record MirrorServerSettings(boolean enabled, AwsClientSettings cognito, String queueTable,
                                   boolean createQueueTable, AwsClientSettings queue, Duration retryBase,
                                   Duration retryMax, Duration reconcileInterval) {

    public static final String OPTION_PREFIX = "spi-" + ProviderIds.MIRROR_SPI + "--" + ProviderIds.COGNITO_MIRROR + "--";
    private static final int DAY_MS = 86_400_000;

    static final FlagOption MIRRORING = new FlagOption("mirroring", "mirroring", "Let realms mirror their users into "
            + "Cognito user pools (each realm chooses its pool in its Amazon Cognito user federation provider). Off: no "
            + "realm mirrors and no AWS client or queue table is used.", false);
    private static final AwsClientOptions COGNITO = new AwsClientOptions("Cognito", "http://localhost:9229");
    static final TextOption QUEUE_TABLE = TextOption.any("queue-table",
            "DynamoDB table of pending mirror changes (partition key 'pk' of type S).", "keycloak-cognito-mirror");
    static final FlagOption QUEUE_CREATE_TABLE = new FlagOption("queue-create-table", "queue-create-table",
            "Create the queue table at start if missing. For local development only.", false);
    static final TextOption QUEUE_REGION = TextOption.any("queue-region",
            "Region of the queue table; defaults to the SDK's region chain.", null);
    static final TextOption QUEUE_ENDPOINT = TextOption.any("queue-endpoint",
            "DynamoDB endpoint override for the queue table.", null);
    static final IntOption RETRY_BASE_MS = IntOption.range("retry-base-ms", "retry-base-ms",
            "First wait after a failed mirror call; doubles per failure, half of it random.", 5_000, 1, DAY_MS);
    static final IntOption RETRY_MAX_MS = IntOption.range("retry-max-ms", "retry-max-ms",
            "Longest wait between two attempts.", 900_000, 1, DAY_MS);
    static final IntOption RECONCILE_INTERVAL_MS = IntOption.range("reconcile-interval-ms", "reconcile-interval-ms",
            "How often one node of the cluster retries due changes, and works on a due drift repair.", 30_000, 1_000, DAY_MS);

    public MirrorServerSettings {
        if (retryMax.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("Options --" + OPTION_PREFIX + RETRY_BASE_MS.key() + " and "
                    + RETRY_MAX_MS.key() + " need base <= max");
        }
    }

    static List<Option<?>> options() {
        List<Option<?>> options = new ArrayList<>();
        options.add(MIRRORING);
        options.addAll(COGNITO.all());
        options.addAll(List.of(QUEUE_TABLE, QUEUE_CREATE_TABLE, QUEUE_REGION, QUEUE_ENDPOINT, RETRY_BASE_MS,
                RETRY_MAX_MS, RECONCILE_INTERVAL_MS));
        return options;
    }

    public static MirrorServerSettings from(ServerOptions options) {
        AwsClientSettings cognito = COGNITO.read(options);
        AwsClientSettings queue = new AwsClientSettings(options.find(QUEUE_REGION),
                options.find(QUEUE_ENDPOINT).map(java.net.URI::create), cognito.apiCallTimeout(), cognito.attemptTimeout(),
                cognito.maxAttempts());
        return new MirrorServerSettings(options.get(MIRRORING), cognito, options.get(QUEUE_TABLE),
                options.get(QUEUE_CREATE_TABLE), queue, Duration.ofMillis(options.get(RETRY_BASE_MS)),
                Duration.ofMillis(options.get(RETRY_MAX_MS)), Duration.ofMillis(options.get(RECONCILE_INTERVAL_MS)));
    }

    String createQueueTableOption() {
        return "--" + OPTION_PREFIX + QUEUE_CREATE_TABLE.key();
    }
}
