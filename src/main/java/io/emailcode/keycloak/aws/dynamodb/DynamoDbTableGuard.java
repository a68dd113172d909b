package io.emailcode.keycloak.aws.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Checks one of our tables once at server start, so a missing or misshapen table stops the server with a
 * message an operator can act on instead of failing every sign-in later. Creating the table (or adding its
 * index) is for local use only (an explicit option): in AWS the table belongs to infrastructure code, with its
 * TTL and backups.
 */
final class DynamoDbTableGuard {

    private static final Logger LOG = Logger.getLogger(DynamoDbTableGuard.class);

    private final DynamoDbClient client;
    private final TableSpec spec;
    private final String createTableOption;
    private final Duration activeTimeout;
    private final DynamoDbCalls calls;

    /**
     * @param createTableOption how operators spell the option that creates the table, named in the message
     * @param activeTimeout     bound on waiting for the table: to answer at all, and, once created, to become ACTIVE
     */
    DynamoDbTableGuard(DynamoDbClient client, TableSpec spec, String createTableOption, Duration activeTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.createTableOption = Objects.requireNonNull(createTableOption, "createTableOption");
        this.activeTimeout = Objects.requireNonNull(activeTimeout, "activeTimeout");
        this.calls = new DynamoDbCalls(spec.name(), IllegalStateException::new);
    }

    /**
     * Fails with {@link IllegalStateException} unless the table exists with the spec's single string partition
     * key and its index; with {@code createIfMissing}, a missing table is created, a missing index added, instead.
     */
    void check(boolean createIfMissing) {
        TableDescription description;
        try {
            description = describePatiently();
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof ResourceNotFoundException)) {
                throw e;
            }
            if (!createIfMissing) {
                throw new IllegalStateException("DynamoDB table '" + spec.name() + "' does not exist. Create it with "
                        + spec.describe() + ", or, for local use only, start with " + createTableOption + "=true.");
            }
            create();
            return;
        }
        requireKeySchema(description);
        spec.index().ifPresent(index -> requireIndex(description, index, createIfMissing));
    }

    /**
     * A server start is not latency-critical: a DynamoDB that is slow or briefly unreachable (a cold endpoint, a
     * network blip) gets until {@code activeTimeout} before the start fails. Answers such as a missing table or a
     * refused permission fail at once.
     */
    private TableDescription describePatiently() {
        long deadline = System.nanoTime() + activeTimeout.toNanos();
        while (true) {
            try {
                return calls.call("DescribeTable", () -> client.describeTable(b -> b.tableName(spec.name())).table());
            } catch (IllegalStateException e) {
                boolean transientFailure = e.getCause() instanceof SdkClientException
                        || (e.getCause() instanceof AwsServiceException aws && (aws.statusCode() >= 500 || aws.isThrottlingException()));
                if (!transientFailure || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.infof("DynamoDB table '%s' not checked yet (%s); trying again", spec.name(), e.getMessage());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void requireKeySchema(TableDescription description) {
        List<KeySchemaElement> keys = description.keySchema();
        boolean onePartitionKey = keys.size() == 1
                && keys.get(0).keyType() == KeyType.HASH
                && spec.partitionKey().equals(keys.get(0).attributeName());
        boolean stringType = description.attributeDefinitions().stream()
                .anyMatch(a -> spec.partitionKey().equals(a.attributeName()) && a.attributeType() == ScalarAttributeType.S);
        if (!onePartitionKey || !stringType) {
            throw new IllegalStateException("DynamoDB table '" + spec.name() + "' has key schema " + describe(description)
                    + "; it must have exactly one key: a partition (HASH) key '" + spec.partitionKey() + "' of type S (string).");
        }
    }

    private void requireIndex(TableDescription description, IndexSpec index, boolean createIfMissing) {
        Optional<GlobalSecondaryIndexDescription> found = description.globalSecondaryIndexes().stream()
                .filter(i -> index.name().equals(i.indexName())).findFirst();
        if (found.isEmpty() && createIfMissing) {
            addIndex(index);
            return;
        }
        boolean sameKeys = found.isPresent()
                && found.get().keySchema().equals(indexKeys(index))
                && found.get().projection().projectionType() == ProjectionType.KEYS_ONLY
                && description.attributeDefinitions().containsAll(indexAttributes(index));
        if (!sameKeys) {
            throw new IllegalStateException("DynamoDB table '" + spec.name() + "' lacks " + index.describe()
                    + (found.isPresent() ? " (it has an index of that name with other keys)" : "")
                    + ". Add it, or, for local use only, start with " + createTableOption + "=true.");
        }
    }

    private void create() {
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(attribute(spec.partitionKey(), ScalarAttributeType.S)));
        spec.index().ifPresent(index -> attributes.addAll(indexAttributes(index)));
        calls.run("CreateTable", () -> client.createTable(b -> {
            b.tableName(spec.name())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributes)
                    .keySchema(key(spec.partitionKey(), KeyType.HASH));
            spec.index().ifPresent(index -> b.globalSecondaryIndexes(g -> g.indexName(index.name())
                    .keySchema(indexKeys(index)).projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
        }));
        calls.run("DescribeTable", () -> client.waiter().waitUntilTableExists(b -> b.tableName(spec.name()),
                w -> w.waitTimeout(activeTimeout)));
        spec.index().ifPresent(this::awaitIndexActive);
        spec.ttlAttribute().ifPresent(this::enableTtl);
    }

    /** A table made before the index existed (a local stack's): the index is added and built from its items. */
    private void addIndex(IndexSpec index) {
        LOG.infof("Adding the index '%s' to DynamoDB table '%s'", index.name(), spec.name());
        calls.run("UpdateTable", () -> client.updateTable(b -> b.tableName(spec.name())
                .attributeDefinitions(indexAttributes(index))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.name()).keySchema(indexKeys(index))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))))));
        awaitIndexActive(index);
    }

    private void awaitIndexActive(IndexSpec index) {
        long deadline = System.nanoTime() + activeTimeout.toNanos();
        while (!indexActive(index)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("DynamoDB table '" + spec.name() + "': index '" + index.name()
                        + "' not ACTIVE after " + activeTimeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for index '" + index.name() + "'", e);
            }
        }
    }

    private boolean indexActive(IndexSpec index) {
        return calls.call("DescribeTable", () -> client.describeTable(b -> b.tableName(spec.name())).table())
                .globalSecondaryIndexes().stream()
                .anyMatch(i -> index.name().equals(i.indexName()) && i.indexStatus() == IndexStatus.ACTIVE);
    }

    private static List<KeySchemaElement> indexKeys(IndexSpec index) {
        return List.of(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE));
    }

    private static List<AttributeDefinition> indexAttributes(IndexSpec index) {
        return List.of(attribute(index.partitionKey(), ScalarAttributeType.S), attribute(index.sortKey(), ScalarAttributeType.N));
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    /** Emulators may not implement TTL; the store never relies on it, so a refusal is only worth a warning. */
    private void enableTtl(String attribute) {
        try {
            calls.run("UpdateTimeToLive", () -> client.updateTimeToLive(b -> b.tableName(spec.name())
                    .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true))));
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof AwsServiceException)) {
                throw e;
            }
            LOG.warnf("Created DynamoDB table '%s' but could not enable TTL on '%s': %s", spec.name(), attribute, e.getMessage());
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
