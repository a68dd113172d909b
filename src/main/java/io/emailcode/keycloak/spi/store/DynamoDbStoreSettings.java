package io.emailcode.keycloak.spi.store;

import io.emailcode.keycloak.aws.AwsClientOptions;
import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.settings.FlagOption;
import io.emailcode.keycloak.settings.Option;
import io.emailcode.keycloak.settings.ServerOptions;
import io.emailcode.keycloak.settings.TextOption;
import io.emailcode.keycloak.spi.ProviderIds;
import java.util.ArrayList;
import java.util.List;

/**
 * Server options of the DynamoDB code store ({@code --spi-email-code-store--dynamodb--<option>}).
 *
 * @param table       table name
 * @param createTable create the table at start when it is missing; for local development only
 * @param client      region, endpoint, timeouts, retries
 */
public record DynamoDbStoreSettings(String table, boolean createTable, AwsClientSettings client) {

    public static final String OPTION_PREFIX = "spi-" + ProviderIds.CODE_STORE_SPI + "--" + ProviderIds.DYNAMODB_STORE + "--";
    public static final TextOption TABLE = TextOption.any("table",
            "DynamoDB table holding the hashed codes (partition key 'pk' of type S, TTL on 'expires_at').", "keycloak-email-codes");
    static final FlagOption CREATE_TABLE = new FlagOption("create-table", "create-table",
            "Create the table at start if it is missing. For local development only.", false);
    private static final AwsClientOptions CLIENT = new AwsClientOptions("DynamoDB", "http://localhost:8000");

    static List<Option<?>> options() {
        List<Option<?>> options = new ArrayList<>(List.of(TABLE, CREATE_TABLE));
        options.addAll(CLIENT.all());
        return options;
    }

    public static DynamoDbStoreSettings from(ServerOptions options) {
        return new DynamoDbStoreSettings(options.get(TABLE), options.get(CREATE_TABLE), CLIENT.read(options));
    }

    String createTableOption() {
        return "--" + OPTION_PREFIX + CREATE_TABLE.key();
    }
}
