package io.emailcode.keycloak.spi.store;

import io.emailcode.keycloak.aws.AwsClientOptions;
import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.Rehearsal;
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
 * Server options of the DynamoDB code store ({@code --spi-email-code-store--dynamodb--<option>}).
 *
 * @param table       table name
 * @param createTable create the table at start when it is missing; for local development only
 * @param maxCallsInFlight how many store calls this node makes at once; more fail at once with the retry page
 * @param client      region, endpoint, timeouts, retries
 * @param rehearsal   how long the hot path's calls are rehearsed at start after a first round; zero: not at all
 */
public record DynamoDbStoreSettings(String table, boolean createTable, int maxCallsInFlight, AwsClientSettings client,
                                    Duration rehearsal) {

    public static final String OPTION_PREFIX = "spi-" + ProviderIds.CODE_STORE_SPI + "--" + ProviderIds.DYNAMODB_STORE + "--";
    public static final TextOption TABLE = TextOption.any("table",
            "DynamoDB table holding the hashed codes (partition key 'pk' of type S, TTL on 'expires_at').", "keycloak-email-codes");
    static final FlagOption CREATE_TABLE = new FlagOption("create-table", "create-table",
            "Create the table at start if it is missing. For local development only.", false);
    static final IntOption MAX_CALLS_IN_FLIGHT = IntOption.range("max-calls-in-flight", "Calls in flight",
            "Most DynamoDB calls this node makes at once for codes; one more fails at once with the retry page, so a "
                    + "slow DynamoDB cannot hold all of Keycloak's worker threads.", 16, 1, 1_000);
    private static final AwsClientOptions CLIENT = new AwsClientOptions("DynamoDB", "http://localhost:8000");

    static List<Option<?>> options() {
        List<Option<?>> options = new ArrayList<>(List.of(TABLE, CREATE_TABLE, MAX_CALLS_IN_FLIGHT));
        options.addAll(CLIENT.all());
        options.add(Rehearsal.SECONDS);
        return options;
    }

    public static DynamoDbStoreSettings from(ServerOptions options) {
        return new DynamoDbStoreSettings(options.get(TABLE), options.get(CREATE_TABLE), options.get(MAX_CALLS_IN_FLIGHT),
                CLIENT.read(options), Duration.ofSeconds(options.get(Rehearsal.SECONDS)));
    }

    String createTableOption() {
        return "--" + OPTION_PREFIX + CREATE_TABLE.key();
    }
}
