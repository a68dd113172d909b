package io.emailcode.keycloak.aws.dynamodb;

import io.emailcode.keycloak.store.MutableClock;
import io.emailcode.stack.FreePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.code.CodeSlot;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.IssueOutcome;
import io.emailcode.keycloak.code.IssuedCode;
import io.emailcode.keycloak.code.SendPolicy;
import io.emailcode.keycloak.code.VerifyOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbCodeStoreIT {

    private static final String TABLE = "email-codes";
    private static final SendPolicy POLICY = new SendPolicy(Duration.ofSeconds(30), 5);
    private static final int MAX_ATTEMPTS = 5;

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbClient client;

    // Starts at real time: should the emulator apply TTL, nothing a test writes is already in the past.
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final DynamoDbCodeStore store = new DynamoDbCodeStore(client, TABLE, clock);
    private final CodeSlot slot = new CodeSlot("realm-a", UUID.randomUUID().toString());

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

    private static IssueOutcome issue(DynamoDbCodeStore store, CodeSlot slot, String hash, String binding) {
        return store.issue(slot, new IssuedCode(hash, binding, Duration.ofMinutes(5)), POLICY);
    }

    private IssueOutcome issue(String hash) {
        return issue(store, slot, hash, "login-1");
    }

    private VerifyOutcome verify(String hash) {
        return store.verify(slot, hash, "login-1", MAX_ATTEMPTS);
    }

    private Map<String, AttributeValue> storedItem() {
        return client.getItem(b -> b.tableName(TABLE).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(slot.key())))).item();
    }

    @Test
    void rightCodeIsAcceptedOnceThenGone() {
        assertInstanceOf(IssueOutcome.Issued.class, issue("right"));
        assertEquals(VerifyOutcome.ACCEPTED, verify("right"));
        assertEquals(VerifyOutcome.NO_CODE, verify("right"));
    }

    @Test
    void aCodeAcceptedOnOneNodeIsGoneOnTheOther() {
        DynamoDbCodeStore otherNode = new DynamoDbCodeStore(dynamoDb.newClient(), TABLE, clock);
        issue("right");
        assertEquals(VerifyOutcome.ACCEPTED, otherNode.verify(slot, "right", "login-1", MAX_ATTEMPTS));
        assertEquals(VerifyOutcome.NO_CODE, verify("right"));
    }

    @Test
    void twoNodesCheckingTheRightCodeAtOnceAcceptItOnce() throws Exception {
        DynamoDbCodeStore otherNode = new DynamoDbCodeStore(dynamoDb.newClient(), TABLE, clock);
        issue("right");
        List<VerifyOutcome> outcomes = concurrently(List.of(
                () -> verify("right"), () -> otherNode.verify(slot, "right", "login-1", MAX_ATTEMPTS)));
        assertEquals(1, outcomes.stream().filter(VerifyOutcome.ACCEPTED::equals).count(), outcomes.toString());
    }

    @Test
    void wrongGuessesSentAtOnceAllCount() throws Exception {
        DynamoDbCodeStore otherNode = new DynamoDbCodeStore(dynamoDb.newClient(), TABLE, clock);
        issue("right");
        List<Callable<VerifyOutcome>> guesses = new ArrayList<>();
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            DynamoDbCodeStore node = i % 2 == 0 ? store : otherNode;
            String guess = "wrong-" + i;
            guesses.add(() -> node.verify(slot, guess, "login-1", MAX_ATTEMPTS));
        }
        concurrently(guesses);
        assertEquals(Integer.toString(MAX_ATTEMPTS), storedItem().get("attempts").n());
        assertEquals(VerifyOutcome.ATTEMPTS_EXHAUSTED, verify("right"));
    }

    private static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongCodesUseUpTheAttemptsAndThenEvenTheRightCodeIsRefused() {
        issue("right");
        for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
            assertEquals(VerifyOutcome.WRONG_CODE, verify("wrong-" + attempt));
        }
        assertEquals(VerifyOutcome.ATTEMPTS_EXHAUSTED, verify("wrong-last"));
        assertEquals(VerifyOutcome.ATTEMPTS_EXHAUSTED, verify("right"));
    }

    @Test
    void codeIsRefusedOnceItsValidityEnds() {
        issue("right");
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertEquals(VerifyOutcome.WRONG_CODE, verify("wrong"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(VerifyOutcome.EXPIRED, verify("right"));
    }

    @Test
    void anotherLoginIsRefusedAndBurnsNoAttempts() {
        issue("right");
        for (int i = 0; i < MAX_ATTEMPTS + 2; i++) {
            assertEquals(VerifyOutcome.NO_CODE, store.verify(slot, "right", "login-2", MAX_ATTEMPTS));
        }
        assertEquals(VerifyOutcome.ACCEPTED, verify("right"));
    }

    @Test
    void resendWithinTheCooldownSaysHowLongToWait() {
        issue("first");
        clock.advance(Duration.ofSeconds(12));
        assertEquals(new IssueOutcome.CoolingDown(Duration.ofSeconds(18)), issue("second"));
        assertEquals(VerifyOutcome.ACCEPTED, verify("first"));
    }

    @Test
    void resendReplacesTheCodeAndKeepsTheFailureCount() {
        issue("first");
        verify("wrong-1");
        verify("wrong-2");
        clock.advance(POLICY.cooldown());
        assertInstanceOf(IssueOutcome.Issued.class, issue("second"));
        Map<String, AttributeValue> item = storedItem();
        assertEquals("2", item.get("failures").n());
        assertEquals("0", item.get("attempts").n());
        assertEquals(VerifyOutcome.WRONG_CODE, verify("first"), "the replaced code no longer works");
        assertEquals("3", storedItem().get("failures").n());
        assertEquals(VerifyOutcome.ACCEPTED, verify("second"));
        assertEquals("0", storedItem().get("failures").n());
    }

    @Test
    void sendBudgetIsSharedByEveryNode() {
        DynamoDbCodeStore otherNode = new DynamoDbCodeStore(dynamoDb.newClient(), TABLE, clock);
        for (int send = 0; send < POLICY.sendsPerHour(); send++) {
            DynamoDbCodeStore node = send % 2 == 0 ? store : otherNode;
            assertInstanceOf(IssueOutcome.Issued.class, issue(node, slot, "code-" + send, "login-1"));
            clock.advance(Duration.ofMinutes(1));
        }
        assertEquals(new IssueOutcome.BudgetSpent(Duration.ofMinutes(55)), issue("one-too-many"));
        assertEquals(new IssueOutcome.BudgetSpent(Duration.ofMinutes(55)),
                issue(otherNode, slot, "one-too-many", "login-1"));
    }

    @Test
    void sendBudgetReturnsWhenItsHourIsOver() {
        for (int send = 0; send < POLICY.sendsPerHour(); send++) {
            issue("code-" + send);
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofMinutes(54));
        assertEquals(new IssueOutcome.BudgetSpent(Duration.ofMinutes(1)), issue("too-early"));
        clock.advance(Duration.ofMinutes(1));
        assertInstanceOf(IssueOutcome.Issued.class, issue("new-window"));
        assertEquals("1", storedItem().get("window_sends").n());
    }

    @Test
    void signingInDoesNotRefillTheSendBudget() {
        for (int send = 0; send < POLICY.sendsPerHour(); send++) {
            issue("code-" + send);
            assertEquals(VerifyOutcome.ACCEPTED, verify("code-" + send));
        }
        assertInstanceOf(IssueOutcome.BudgetSpent.class, issue("one-too-many"));
    }

    @Test
    void withdrawnCodeIsGoneAndAnImmediateResendGoesThrough() {
        issue("unsent");
        store.withdraw(slot, "unsent");
        assertEquals(VerifyOutcome.NO_CODE, verify("unsent"));
        assertInstanceOf(IssueOutcome.Issued.class, issue("resent"));
        assertEquals("2", storedItem().get("window_sends").n());
    }

    @Test
    void withdrawingAnotherCodeLeavesTheLiveOneAlone() {
        issue("live");
        store.withdraw(slot, "something-else");
        assertEquals(VerifyOutcome.ACCEPTED, verify("live"));
    }

    @Test
    void issueCostsAtMostTwoWritesAndASuccessfulVerifyExactlyOneCall() {
        List<String> calls = new ArrayList<>();
        DynamoDbCodeStore counted = new DynamoDbCodeStore(LocalDynamoDb.recording(client, calls), TABLE, clock);

        issue(counted, slot, "first", "login-1");
        assertEquals(List.of("updateItem", "updateItem"), calls, "first send opens a window");
        calls.clear();
        assertEquals(VerifyOutcome.ACCEPTED, counted.verify(slot, "first", "login-1", MAX_ATTEMPTS));
        assertEquals(List.of("updateItem"), calls, "successful verify");
        calls.clear();

        clock.advance(POLICY.cooldown());
        issue(counted, slot, "second", "login-1");
        assertEquals(List.of("updateItem"), calls, "send within an open window");
        calls.clear();
        assertEquals(VerifyOutcome.WRONG_CODE, counted.verify(slot, "wrong", "login-1", MAX_ATTEMPTS));
        assertEquals(List.of("updateItem", "updateItem"), calls, "wrong code costs one extra increment");
    }

    @Test
    void missingTableMakesTheStoreUnavailableWithoutRevealingTheCode() {
        DynamoDbCodeStore misconfigured = new DynamoDbCodeStore(client, "no-such-table", clock);
        CodeStoreUnavailableException e = assertThrows(CodeStoreUnavailableException.class,
                () -> misconfigured.verify(slot, "secret-hash", "login-1", MAX_ATTEMPTS));
        assertTrue(e.getMessage().contains("no-such-table"), e.getMessage());
        assertTrue(e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-hash"), e.getMessage());
        assertFalse(e.getMessage().contains(slot.addressKey()), e.getMessage());
    }
}
