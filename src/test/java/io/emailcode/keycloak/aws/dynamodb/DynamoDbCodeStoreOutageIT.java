package io.emailcode.keycloak.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.code.CodeSlot;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.FailurePolicy;
import io.emailcode.keycloak.code.IssueOutcome;
import io.emailcode.keycloak.code.IssueRequest;
import io.emailcode.keycloak.code.IssuedCode;
import io.emailcode.keycloak.code.Lane;
import io.emailcode.keycloak.code.SendPolicy;
import io.emailcode.keycloak.code.VerifyRequest;
import io.emailcode.stack.FreePort;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Its own emulator, because the test stops it. */
class DynamoDbCodeStoreOutageIT {

    private static final String TABLE = "email-codes";
    private static final CodeSlot SLOT = new CodeSlot("realm-a", "address-key", Lane.OPEN);
    private static final FailurePolicy FAILURES = new FailurePolicy(20, Duration.ofMinutes(15), Duration.ofHours(24));
    private static final IssueRequest REQUEST = new IssueRequest(SLOT,
            new IssuedCode("secret-hash", "login-1", Duration.ofMinutes(5)), new SendPolicy(Duration.ofSeconds(30), 5),
            FAILURES, Optional.empty());

    @Test
    void storeFailsClosedWithinSecondsWhenDynamoDbStops() {
        try (LocalDynamoDb dynamoDb = LocalDynamoDb.start(FreePort.next())) {
            dynamoDb.createCodeTable(dynamoDb.newClient(), TABLE);
            DynamoDbCodeStore store = new DynamoDbCodeStore(dynamoDb.newClient(Duration.ofSeconds(2), 2), TABLE,
                    Clock.systemUTC(), new SendCounters(TABLE, () -> 0));
            assertInstanceOf(IssueOutcome.Issued.class, store.issue(REQUEST));

            dynamoDb.stopServer();

            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                CodeStoreUnavailableException e = assertThrows(CodeStoreUnavailableException.class,
                        () -> store.verify(new VerifyRequest(SLOT, "secret-hash", "login-1", 5, FAILURES)));
                assertTrue(e.getMessage().contains(TABLE), e.getMessage());
                assertFalse(e.getMessage().contains("secret-hash"), e.getMessage());
                assertThrows(CodeStoreUnavailableException.class, () -> store.issue(REQUEST));
            });
        }
    }
}
