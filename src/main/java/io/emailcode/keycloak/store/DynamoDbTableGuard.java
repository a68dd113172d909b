package io.emailcode.keycloak.store;

import org.jboss.logging.Logger;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Checks the code table once at server start, so a missing or misshapen table stops the server with a
 * message an operator can act on instead of failing every sign-in later. Creating the table is for local
 * use only (an explicit option): in AWS the table belongs to infrastructure code, with its TTL and backups.
 */
public final class DynamoDbTableGuard {

    private static final Logger LOG = Logger.getLogger(DynamoDbTableGuard.class);

    private final DynamoDbClient client;
    private final String table;
    private final String createTableOption;
    private final Duration activeTimeout;
    private final DynamoDbCalls calls;

    /**
     * @param createTableOption how operators spell the option that creates the table, named in the message
     * @param activeTimeout     bound on waiting for a created table to become ACTIVE
     */
    public DynamoDbTableGuard(DynamoDbClient client, String table, String createTableOption, Duration activeTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.createTableOption = Objects.requireNonNull(createTableOption, "createTableOption");
        this.activeTimeout = Objects.requireNonNull(activeTimeout, "activeTimeout");
        this.calls = new DynamoDbCalls(table);
    }

    /**
     * Fails with {@link IllegalStateException} unless the table exists with a single string hash key {@code pk};
     * with {@code createIfMissing}, a missing table is created instead.
     */
    public void check(boolean createIfMissing) {
        TableDescription description;
        try {
            description = calls.call("DescribeTable", () -> client.describeTable(b -> b.tableName(table)).table());
        } catch (RuntimeException e) {
            if (!(e.getCause() instanceof ResourceNotFoundException)) {
                throw e;
            }
            if (!createIfMissing) {
                throw new IllegalStateException("DynamoDB table '" + table + "' does not exist. Create it with a"
                        + " string partition key 'pk' and TTL on 'expires_at', or, for local use only, start with "
                        + createTableOption + "=true.");
            }
            create();
            return;
        }
        requireKeySchema(description);
    }

    private void requireKeySchema(TableDescription description) {
        List<KeySchemaElement> keys = description.keySchema();
        boolean hashKeyPk = keys.size() == 1
                && keys.get(0).keyType() == KeyType.HASH
                && CodeItem.PK.equals(keys.get(0).attributeName());
        boolean stringType = description.attributeDefinitions().stream()
                .anyMatch(a -> CodeItem.PK.equals(a.attributeName()) && a.attributeType() == ScalarAttributeType.S);
        if (!hashKeyPk || !stringType) {
            throw new IllegalStateException("DynamoDB table '" + table + "' has key schema " + describe(description)
                    + "; it must have exactly one key: a partition (HASH) key 'pk' of type S (string).");
        }
    }

    private void create() {
        calls.call("CreateTable", () -> client.createTable(b -> b
                .tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(CodeItem.PK).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(CodeItem.PK).keyType(KeyType.HASH).build())));
        calls.call("DescribeTable", () -> client.waiter().waitUntilTableExists(b -> b.tableName(table),
                w -> w.waitTimeout(activeTimeout)));
        enableTtl();
    }

    /** Emulators may not implement TTL; the store never relies on it, so a refusal is only worth a warning. */
    private void enableTtl() {
        try {
            calls.call("UpdateTimeToLive", () -> client.updateTimeToLive(b -> b.tableName(table)
                    .timeToLiveSpecification(t -> t.attributeName(CodeItem.EXPIRES_AT).enabled(true))));
        } catch (CodeStoreUnavailableException e) {
            if (!(e.getCause() instanceof AwsServiceException)) {
                throw e;
            }
            LOG.warnf("Created DynamoDB table '%s' but could not enable TTL on '%s': %s",
                    table, CodeItem.EXPIRES_AT, e.getMessage());
        }
    }

    private static String describe(TableDescription description) {
        return description.keySchema().stream()
                .map(k -> k.attributeName() + " (" + k.keyTypeAsString() + ", " + description.attributeDefinitions()
                        .stream().filter(a -> a.attributeName().equals(k.attributeName()))
                        .map(AttributeDefinition::attributeTypeAsString).findFirst().orElse("?") + ")")
                .toList()
                .toString();
    }
}
