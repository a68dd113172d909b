package io.emailcode.keycloak.aws.dynamodb;

import io.emailcode.stack.FreePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.code.CodeSlot;
import io.emailcode.keycloak.code.FailurePolicy;
import io.emailcode.keycloak.code.IssueRequest;
import io.emailcode.keycloak.code.Lane;
import io.emailcode.keycloak.code.VerifyRequest;
import java.util.Optional;
import io.emailcode.keycloak.code.IssueOutcome;
import io.emailcode.keycloak.code.IssuedCode;
import io.emailcode.keycloak.code.SendPolicy;
import io.emailcode.keycloak.code.VerifyOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class DynamoDbTableGuardIT {

    private static final String CREATE_OPTION = "--spi-code-store--dynamodb--create-table";

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbClient client;

    @BeforeAll
    static void startDynamoDb() {
        dynamoDb = LocalDynamoDb.start(FreePort.next());
        client = dynamoDb.newClient();
    }

    @AfterAll
    static void stopDynamoDb() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    private static DynamoDbTableGuard guard(String table) {
        return new DynamoDbTableGuard(client, TableSpec.codes(table), CREATE_OPTION, LocalDynamoDb.TABLE_ACTIVE_TIMEOUT);
    }

    private static void createTable(String table, List<KeySchemaElement> keys, List<AttributeDefinition> attributes) {
        client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keys).attributeDefinitions(attributes));
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    @Test
    void missingTableStopsTheServerNamingTheTableAndTheOptionToCreateIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> guard("not-created").check(false));
        assertTrue(e.getMessage().contains("'not-created' does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains(CREATE_OPTION + "=true"), e.getMessage());
    }

    @Test
    void tableWithAnotherPartitionKeyIsRefused() {
        createTable("other-key", List.of(key("id", KeyType.HASH)), List.of(attribute("id", ScalarAttributeType.S)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> guard("other-key").check(true));
        assertTrue(e.getMessage().contains("[id (HASH, S)]"), e.getMessage());
        assertTrue(e.getMessage().contains("partition (HASH) key 'pk' of type S"), e.getMessage());
    }

    @Test
    void tableWithASortKeyOrANumericKeyIsRefused() {
        createTable("with-sort-key", List.of(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)),
                List.of(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S)));
        createTable("numeric-key", List.of(key("pk", KeyType.HASH)), List.of(attribute("pk", ScalarAttributeType.N)));
        assertThrows(IllegalStateException.class, () -> guard("with-sort-key").check(false));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> guard("numeric-key").check(false));
        assertTrue(e.getMessage().contains("[pk (HASH, N)]"), e.getMessage());
    }

    @Test
    void createdTableHasTtlAndServesTheStore() {
        guard("created").check(true);
        guard("created").check(false);

        assertEquals(TimeToLiveStatus.ENABLED, client.describeTimeToLive(b -> b.tableName("created"))
                .timeToLiveDescription().timeToLiveStatus());
        DynamoDbCodeStore store = new DynamoDbCodeStore(client, "created", Clock.systemUTC(), new SendCounters("created", () -> 0));
        CodeSlot slot = new CodeSlot("realm-a", "address-key", Lane.OPEN);
        FailurePolicy failures = new FailurePolicy(20, Duration.ofMinutes(15), Duration.ofHours(24));
        assertEquals(new IssueOutcome.Issued(), store.issue(new IssueRequest(slot,
                new IssuedCode("hash", "login-1", Duration.ofMinutes(5)), new SendPolicy(Duration.ofSeconds(30), 5),
                failures, Optional.empty())));
        assertEquals(VerifyOutcome.ACCEPTED, store.verify(new VerifyRequest(slot, "hash", "login-1", 5, failures)));
    }

    @Test
    void aQueueTableWithoutTheDueIndexIsRefusedOrGetsItWhenCreatingIsAllowed() {
        createTable("queue-without-index", List.of(key("pk", KeyType.HASH)), List.of(attribute("pk", ScalarAttributeType.S)));
        DynamoDbTableGuard queueGuard = new DynamoDbTableGuard(client, TableSpec.mirrorQueue("queue-without-index"),
                CREATE_OPTION, LocalDynamoDb.TABLE_ACTIVE_TIMEOUT);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> queueGuard.check(false));
        assertTrue(e.getMessage().contains("lacks a global secondary index 'due' with partition key 'queue' (S), sort key "
                + "'next_attempt_at' (N) and keys-only projection"), e.getMessage());
        assertTrue(e.getMessage().contains(CREATE_OPTION + "=true"), e.getMessage());

        queueGuard.check(true);
        queueGuard.check(false);
        assertEquals(List.of("due"), client.describeTable(b -> b.tableName("queue-without-index")).table()
                .globalSecondaryIndexes().stream().map(i -> i.indexName()).toList());
    }

    @Test
    void aCreatedQueueTableHasTheDueIndex() {
        DynamoDbTableGuard queueGuard = new DynamoDbTableGuard(client, TableSpec.mirrorQueue("queue-created"),
                CREATE_OPTION, LocalDynamoDb.TABLE_ACTIVE_TIMEOUT);
        queueGuard.check(true);
        queueGuard.check(false);
        assertEquals(List.of("due"), client.describeTable(b -> b.tableName("queue-created")).table()
                .globalSecondaryIndexes().stream().map(i -> i.indexName()).toList());
    }
}
