package io.emailcode.keycloak.aws.dynamodb;

import io.emailcode.stack.FreePort;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.code.CodeSlot;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.IssueOutcome;
import io.emailcode.keycloak.code.IssuedCode;
import io.emailcode.keycloak.code.SendPolicy;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Its own emulator, because the test stops it. */
class DynamoDbCodeStoreOutageIT {

    private static final String TABLE = "email-codes";
    private static final CodeSlot SLOT = new CodeSlot("realm-a", "address-key");
    private static final IssuedCode CODE = new IssuedCode("secret-hash", "login-1", Duration.ofMinutes(5));
    private static final SendPolicy POLICY = new SendPolicy(Duration.ofSeconds(30), 5);

    @Test
    void storeFailsClosedWithinSecondsWhenDynamoDbStops() {
        try (LocalDynamoDb dynamoDb = LocalDynamoDb.start(FreePort.next())) {
            dynamoDb.createCodeTable(dynamoDb.newClient(), TABLE);
            DynamoDbCodeStore store = new DynamoDbCodeStore(
                    dynamoDb.newClient(Duration.ofSeconds(2), 2), TABLE, Clock.systemUTC());
            assertInstanceOf(IssueOutcome.Issued.class, store.issue(SLOT, CODE, POLICY));

            dynamoDb.stopServer();

            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                CodeStoreUnavailableException e = assertThrows(CodeStoreUnavailableException.class,
                        () -> store.verify(SLOT, "secret-hash", "login-1", 5));
                assertTrue(e.getMessage().contains(TABLE), e.getMessage());
                assertFalse(e.getMessage().contains("secret-hash"), e.getMessage());
                assertThrows(CodeStoreUnavailableException.class, () -> store.issue(SLOT, CODE, POLICY));
                assertThrows(CodeStoreUnavailableException.class, () -> store.withdraw(SLOT, "secret-hash"));
            });
        }
    }
}
