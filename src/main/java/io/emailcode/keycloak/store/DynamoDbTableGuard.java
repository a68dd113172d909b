package io.emailcode.keycloak.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Checks at server start that the code table exists with the expected key, or creates it when asked to. */
public final class DynamoDbTableGuard {

    private static final Logger LOG = Logger.getLogger(DynamoDbTableGuard.class);
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(60);

    private final DynamoDbClient client;
    private final String table;

    public DynamoDbTableGuard(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    public void ensureReady(boolean createIfMissing) {
        TableDescription description;
        try {
            description = client.describeTable(b -> b.tableName(table)).table();
        } catch (ResourceNotFoundException missing) {
            if (!createIfMissing) {
                throw new IllegalStateException("DynamoDB table '" + table + "' does not exist. Create it (see docs), "
                        + "or for local development start Keycloak with --" + DynamoDbStoreSettings.OPTION_PREFIX + "create-table=true.");
            }
            create();
            return;
        } catch (SdkException e) {
            throw new IllegalStateException("Cannot reach DynamoDB to check table '" + table + "': " + e.getMessage(), e);
        }
        List<KeySchemaElement> key = description.keySchema();
        boolean pkIsString = description.attributeDefinitions().stream()
                .anyMatch(a -> a.attributeName().equals(DynamoDbCodeStore.PK) && a.attributeType() == ScalarAttributeType.S);
        if (key.size() != 1 || !key.get(0).attributeName().equals(DynamoDbCodeStore.PK) || key.get(0).keyType() != KeyType.HASH || !pkIsString) {
            throw new IllegalStateException("DynamoDB table '" + table + "' has the wrong key schema " + key
                    + "; expected a single partition key 'pk' of type S.");
        }
    }

    private void create() {
        LOG.warnf("Creating DynamoDB table '%s' (create-table is meant for local development)", table);
        client.createTable(b -> b.tableName(table)
                .keySchema(KeySchemaElement.builder().attributeName(DynamoDbCodeStore.PK).keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName(DynamoDbCodeStore.PK).attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        Instant deadline = Instant.now().plus(CREATE_TIMEOUT);
        while (client.describeTable(b -> b.tableName(table)).table().tableStatus() != TableStatus.ACTIVE) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("DynamoDB table '" + table + "' did not become ACTIVE within " + CREATE_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating table " + table, e);
            }
        }
        try {
            client.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(t -> t.attributeName("expires_at").enabled(true)));
        } catch (SdkException e) {
            LOG.warnf("Could not enable TTL on '%s': %s", table, e.getMessage());
        }
    }
}
