package io.emailcode.keycloak.mirror.keycloak;

import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.ServerOptions;
import java.time.Duration;
import java.util.Optional;

/**
 * Server options of the Cognito mirror ({@code --spi-cognito-mirror--cognito--<option>}), parsed once at start.
 * Without a user pool id the mirror is off for the whole server. The queue table has its own region and
 * endpoint options ({@code queue-region}, {@code queue-endpoint}), since it is a different service.
 *
 * @param userPoolId        the pool Keycloak's users are mirrored into
 * @param cognito           region, endpoint, timeouts and SDK attempts of the Cognito client
 * @param queueTable        DynamoDB table of pending mirror changes
 * @param createQueueTable  create it at start when missing; for local development only
 * @param queue             region, endpoint, timeouts and SDK attempts of the queue's DynamoDB client
 * @param retryBase         first wait after a failed mirror call
 * @param retryMax          longest wait between two attempts
 * @param reconcileInterval how often one node of the cluster retries what is due
 */
public record MirrorServerSettings(Optional<String> userPoolId, AwsClientSettings cognito, String queueTable,
                                   boolean createQueueTable, AwsClientSettings queue, Duration retryBase,
                                   Duration retryMax, Duration reconcileInterval) {

    public static final String OPTION_PREFIX = "spi-cognito-mirror--cognito--";
    public static final String DEFAULT_QUEUE_TABLE = "keycloak-cognito-mirror";

    public MirrorServerSettings {
        if (retryBase.isNegative() || retryBase.isZero() || retryMax.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("Options --" + OPTION_PREFIX + "retry-base-ms and retry-max-ms need 0 < base <= max");
        }
        if (reconcileInterval.toMillis() < 1000) {
            throw new IllegalArgumentException("Option --" + OPTION_PREFIX + "reconcile-interval-ms must be at least 1000");
        }
    }

    public static MirrorServerSettings from(ServerOptions options) {
        ServerOptions queueOptions = new ServerOptions(OPTION_PREFIX + "queue-", name -> options.text("queue-" + name)
                .or(() -> sharedTimeouts(options, name)).orElse(null));
        return new MirrorServerSettings(
                options.text("user-pool-id"),
                AwsClientSettings.from(options),
                options.text("queue-table", DEFAULT_QUEUE_TABLE),
                options.flag("queue-create-table", false),
                AwsClientSettings.from(queueOptions),
                options.millis("retry-base-ms", Duration.ofSeconds(5)),
                options.millis("retry-max-ms", Duration.ofMinutes(15)),
                options.millis("reconcile-interval-ms", Duration.ofSeconds(30)));
    }

    /** The queue client takes the Cognito timeouts and attempts unless given its own. */
    private static Optional<String> sharedTimeouts(ServerOptions options, String name) {
        return name.equals("region") || name.equals("endpoint") ? Optional.empty() : options.text(name);
    }
}
