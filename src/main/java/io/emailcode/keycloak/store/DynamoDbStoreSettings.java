package io.emailcode.keycloak.store;

import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.ServerOptions;

/**
 * Server options of the DynamoDB code store ({@code --spi-email-code-store--dynamodb--<option>}).
 *
 * @param table       table name
 * @param createTable create the table at start when it is missing; for local development only
 * @param client      region, endpoint, timeouts, retries
 */
public record DynamoDbStoreSettings(String table, boolean createTable, AwsClientSettings client) {

    public static final String OPTION_PREFIX = "spi-email-code-store--dynamodb--";
    public static final String DEFAULT_TABLE = "keycloak-email-codes";

    public static DynamoDbStoreSettings from(ServerOptions options) {
        return new DynamoDbStoreSettings(
                options.text("table", DEFAULT_TABLE),
                options.flag("create-table", false),
                AwsClientSettings.from(options));
    }
}
