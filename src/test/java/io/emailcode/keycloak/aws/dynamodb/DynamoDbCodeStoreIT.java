package io.emailcode.keycloak.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.code.CodeSlot;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.code.CodeStoreContract;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.IssueRequest;
import io.emailcode.keycloak.code.IssuedCode;
import io.emailcode.keycloak.code.Lane;
import io.emailcode.keycloak.code.VerifyOutcome;
import io.emailcode.keycloak.code.VerifyRequest;
import io.emailcode.stack.FreePort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The code store contract against DynamoDB Local, plus what only the DynamoDB store can show: what the table holds,
 * what each decision costs in calls, that two nodes (two clients) agree, and that a missing table fails closed.
 */
class DynamoDbCodeStoreIT extends CodeStoreContract {

    private static final String TABLE = "email-codes";

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbClient client;

    /** Written by the contract's concurrent tests' threads too. */
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startDynamoDb() {
        dynamoDb = LocalDynamoDb.start(FreePort.next());
        client = dynamoDb.newClient();
        dynamoDb.createCodeTable(client, TABLE);
    }

    @AfterAll
    static void stopDynamoDb() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    @Override
    protected CodeStore store() {
        return store(LocalDynamoDb.recording(client, calls));
    }

    private DynamoDbCodeStore store(DynamoDbClient node) {
        return new DynamoDbCodeStore(node, TABLE, clock, new SendCounters(TABLE,
                () -> ThreadLocalRandom.current().nextInt(SendCounters.MAX_REALM_SHARDS)));
    }

    @Test
    void aRequestIsOneCallAndASuccessfulCheckIsOneCall() {
        issue("h1");
        assertEquals(List.of("transactWriteItems"), calls);
        calls.clear();
        assertEquals(VerifyOutcome.ACCEPTED, verify("h1"));
        assertEquals(List.of("updateItem"), calls);
        calls.clear();
        issue("h2");
        verify("wrong");
        assertEquals(List.of("transactWriteItems", "updateItem"), calls, "a wrong code is one call too");
        printFigure("DynamoDB calls per sign-in: 1 to issue (TransactWriteItems), 1 to check (UpdateItem)");
    }

    @Test
    void anAddresssStandingIsOneReadThatChangesNothing() {
        issue("h1");
        verify("wrong");
        List<Map<String, AttributeValue>> before = client.scan(b -> b.tableName(TABLE)).items();
        calls.clear();
        assertEquals(1, subject().standing(realm, slot.addressKey(), "mailbox", Optional.of("account"))
                .open().failures());
        assertEquals(List.of("batchGetItem"), calls);
        assertEquals(before, client.scan(b -> b.tableName(TABLE)).items());
    }

    @Test
    void aCodeAcceptedOnOneNodeIsGoneOnTheOther() {
        issue("h1");
        assertEquals(VerifyOutcome.ACCEPTED, store(dynamoDb.newClient()).verify(
                new VerifyRequest(slot, "h1", "login-1", MAX_ATTEMPTS, FAILURES)));
        assertEquals(VerifyOutcome.NO_CODE, verify("h1"));
    }

    @Test
    void theTableHoldsHashesAndCountersOnlyWithTtlOnEveryItem() {
        issue("h1");
        verify("wrong");
        List<Map<String, AttributeValue>> items = client.scan(b -> b.tableName(TABLE)).items().stream()
                .filter(item -> item.get(CodeItem.PK).s().startsWith(realm)).toList();
        assertEquals(5, items.size(), "the slot, its hour's counter, the mailbox's, the network's and the realm's: " + items);
        for (Map<String, AttributeValue> item : items) {
            assertTrue(item.containsKey(CodeItem.EXPIRES_AT), "TTL on " + item);
            assertFalse(item.toString().contains("@"), "no address in " + item);
        }
        Map<String, AttributeValue> slotItem = items.stream()
                .filter(item -> item.get(CodeItem.PK).s().equals(slot.key())).findFirst().orElseThrow();
        assertEquals(Map.of("h1", AttributeValue.fromN("-1")), slotItem.get(CodeItem.CODES).m());
        assertEquals("1", slotItem.get(CodeItem.FAILURES).n());
    }

    @Test
    void aKnownBrowsersSlotIsItsOwnItem() {
        assertTrue(new CodeSlot("r", "a", Lane.KNOWN_BROWSER).key().endsWith("#known"));
        assertEquals("r#a", new CodeSlot("r", "a", Lane.OPEN).key());
    }

    @Test
    void aMissingTableFailsClosedWithoutRevealingTheHash() {
        DynamoDbCodeStore missing = new DynamoDbCodeStore(client, "no-such-table", clock, new SendCounters("no-such-table", () -> 0));
        CodeStoreUnavailableException e = assertThrows(CodeStoreUnavailableException.class,
                () -> missing.verify(new VerifyRequest(slot, "secret-hash", "login-1", 5, FAILURES)));
        assertTrue(e.getMessage().contains("no-such-table"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-hash"), e.getMessage());
        assertThrows(CodeStoreUnavailableException.class, () -> missing.issue(new IssueRequest(slot,
                new IssuedCode("secret-hash", "login-1", Duration.ofMinutes(5)), SENDING, FAILURES, Optional.empty())));
    }
}
